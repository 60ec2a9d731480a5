import type { Dispatch } from 'react';
import type { DependencyGroup } from '../../../src/project/types.js';
import { type Session, toggleGroup } from '../../../src/session/index.js';
import type { Action, WizardState } from '../../state.js';

/**
 * Space on a group: the session plans again with it flipped (for the Python already chosen),
 * and the state takes the new plan when it is the answer to the last change.
 */
export function replanGroups(
  session: Session,
  s: WizardState,
  dispatch: Dispatch<Action>,
  group: DependencyGroup,
) {
  if (s.pendingGroups) return;
  const project = toggleGroup(s.asked.project, session.request.project, group);
  const text = `Planning again with ${group.name} ${group.included ? 'left out' : 'installed'}…`;
  dispatch({ type: 'groups', project, text });
  session.plan(s.asked.python, project).then(
    (plan) => dispatch({ type: 'groups-planned', project, plan }),
    (error) => dispatch({ type: 'groups-failed', project, error }),
  );
}
