import { describe, expect, it } from 'vitest';
import { findAppModules } from '../../src/project/app-modules.js';
import { tempProject } from './temp-project.js';

describe('findAppModules', () => {
  it('packages and modules of the import root, without tooling, tests, venvs or hidden dirs', async () => {
    const root = await tempProject({
      'app.py': '',
      'setup.py': '',
      'conftest.py': '',
      'manage.py': '',
      'test_app.py': '',
      'helpers.py': '',
      'my-script.py': '',
      'core/__init__.py': '',
      'core/models.py': '',
      'notapackage/x.py': '',
      'tests/__init__.py': '',
      'docs/__init__.py': '',
      '.venv/__init__.py': '',
      'src/libthing/__init__.py': '',
      'src/extra.py': '',
    });
    expect(await findAppModules(root)).toEqual(['app', 'core', 'helpers']);
    expect(await findAppModules(root, 'src')).toEqual(['extra', 'libthing']);
  });
});
