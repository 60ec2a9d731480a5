import { describe, expect, it } from 'vitest';
import { applyAnswers, entryOptions, type PlanResult, prefillAnswers } from '../../src/session/index.js';
import { planProject } from '../../src/session/plan.js';
import { tempProject } from '../project/temp-project.js';

/** A Procfile command at the root, and a guessed Flask app in src/ that gunicorn serves on 8000. */
async function twoPlaces(): Promise<PlanResult> {
  const dir = await tempProject({
    Procfile: 'web: python -m http.server\n',
    'requirements.txt': 'flask\ngunicorn\n',
    'src/server.py':
      'from flask import Flask\n\nserver = Flask(__name__)\n\nif __name__ == "__main__":\n    server.run()\n',
  });
  return planProject({ dir, images: [], offline: true });
}

const slim = (p: PlanResult) => p.candidates.find((c) => c.id === 'slim')!.dockerfile;

describe('the entry answer', () => {
  it('a picked choice brings its folder and port into every Dockerfile', async () => {
    const plan = await twoPlaces();
    const [procfile, gunicorn] = entryOptions(plan.project);
    expect(procfile!.command).toBe('python -m http.server');
    expect(gunicorn).toMatchObject({
      command: 'gunicorn server:server',
      cwd: 'src',
      port: 8000,
      guessed: true,
    });
    expect(slim(plan)).not.toContain('EXPOSE');
    expect(slim(plan)).not.toMatch(/^WORKDIR \/app\/src$/m);

    const picked = applyAnswers(plan, { ...prefillAnswers(plan), entry: { picked: gunicorn! } });
    expect(picked.options.entry).toEqual(['gunicorn', 'server:server']);
    expect(picked.project.entry).toBe(gunicorn);
    const df = slim(picked);
    expect(df).toMatch(/^ENV PORT=8000$/m);
    expect(df).toMatch(/^EXPOSE 8000$/m);
    expect(df).toMatch(/^WORKDIR \/app\/src$/m);
    expect(df).toContain('"gunicorn", "server:server"');
  });

  it('picking the scan’s own choice changes nothing', async () => {
    const plan = await twoPlaces();
    const again = applyAnswers(plan, prefillAnswers(plan));
    expect(prefillAnswers(plan).entry).toEqual({ picked: plan.project.entry });
    expect(slim(again)).toBe(slim(plan));
  });

  it('a typed command is split and keeps the scan’s folder and port; typed as offered, it is that choice', async () => {
    const plan = await twoPlaces();
    const typed = applyAnswers(plan, {
      ...prefillAnswers(plan),
      entry: { typed: "python -c 'import server'" },
    });
    expect(typed.options.entry).toEqual(['python', '-c', 'import server']);
    expect(typed.options.port).toBe(plan.options.port);
    expect(typed.project.entry).toBe(plan.project.entry);
    expect(slim(typed)).not.toContain('EXPOSE');

    const asOffered = applyAnswers(plan, {
      ...prefillAnswers(plan),
      entry: { typed: 'gunicorn server:server' },
    });
    expect(slim(asOffered)).toMatch(/^EXPOSE 8000$/m);
    expect(slim(asOffered)).toMatch(/^WORKDIR \/app\/src$/m);
  });

  it('a typed empty command means none', async () => {
    const plan = await twoPlaces();
    const none = applyAnswers(plan, { ...prefillAnswers(plan), entry: { typed: '' } });
    expect(none.options.entry).toBeUndefined();
    expect(slim(none)).toContain('slim-py found no entry command');
  });
  it('an installed project ships the files of the choice picked: gunicorn reads ./gunicorn.conf.py unnamed', async () => {
    const dir = await tempProject({
      'pyproject.toml':
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n\n' +
        '[project]\nname = "myapp"\nversion = "1.0"\ndependencies = ["flask", "gunicorn"]\n\n' +
        '[project.scripts]\nmyapp-serve = "myapp.cli:main"\n',
      'src/myapp/__init__.py': '',
      'src/myapp/cli.py': 'def main():\n    pass\n',
      'src/myapp/web.py': 'from flask import Flask\napp = Flask(__name__)\n',
      'gunicorn.conf.py': 'bind = "0.0.0.0:8080"\nworkers = 4\n',
    });
    const plan = await planProject({ dir, images: [], offline: true });
    const venv = (p: PlanResult) => p.candidates.find((c) => c.id === 'multistage-venv')!.dockerfile;
    const [script, gunicorn] = entryOptions(plan.project);
    expect(script!.command).toBe('myapp-serve');
    expect(venv(plan)).toContain('its source tree is not copied');
    expect(venv(plan)).not.toContain('gunicorn.conf.py');
    expect(gunicorn).toMatchObject({
      command: 'gunicorn myapp.web:app',
      port: 8080,
      files: ['gunicorn.conf.py'],
    });
    const df = venv(applyAnswers(plan, { ...prefillAnswers(plan), entry: { picked: gunicorn! } }));
    expect(df).toMatch(/^COPY --chown=10001:10001 gunicorn\.conf\.py \.\/$/m);
    expect(df).toMatch(/^EXPOSE 8080$/m);
    expect(df).toContain('CMD ["gunicorn", "myapp.web:app"]');
    // Typed with flags of its own it is no offered command, and gunicorn still reads the file.
    const typed = (t: string) => venv(applyAnswers(plan, { ...prefillAnswers(plan), entry: { typed: t } }));
    expect(typed('gunicorn --workers 2 myapp.web:app')).toMatch(
      /^COPY --chown=10001:10001 gunicorn\.conf\.py \.\/$/m,
    );
    // Told to read another config, it does not read this one; a command of another program neither.
    expect(typed('gunicorn -c /etc/gunicorn.py myapp.web:app')).not.toContain('gunicorn.conf.py');
    expect(typed('python -m myapp.web')).not.toContain('gunicorn.conf.py');
  });
});
