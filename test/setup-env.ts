import { interactiveInk } from '../src/commands/wizard.js';

// The component tests render the wizard as a person sees it; under CI=true Ink would draw only
// the final frame. The real CLI does the same before it loads Ink (src/commands/wizard.ts).
interactiveInk(process.env);
