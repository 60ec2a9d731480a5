import { describe, expect, it } from 'vitest';
import { layersFromHistory, tidyCreatedBy } from '../../src/docker/history.js';

describe('history', () => {
  it('tidies classic and BuildKit created-by strings into instructions', () => {
    expect(tidyCreatedBy('/bin/sh -c #(nop)  CMD ["python3"]')).toBe('CMD ["python3"]');
    expect(tidyCreatedBy('/bin/sh -c #(nop) COPY file:0a1b2c3d in /app ')).toBe('COPY ... /app');
    expect(tidyCreatedBy('/bin/sh -c apt-get update && apt-get install -y libpq5')).toBe(
      'RUN apt-get update && apt-get install -y libpq5',
    );
    expect(tidyCreatedBy('RUN /bin/sh -c pip install flask # buildkit')).toBe('RUN pip install flask');
    expect(tidyCreatedBy('RUN |1 PIP_INDEX_URL=http://i/simple /bin/sh -c pip install x # buildkit')).toBe(
      'RUN pip install x',
    );
    expect(tidyCreatedBy('COPY /opt/venv /opt/venv # buildkit')).toBe('COPY /opt/venv /opt/venv');
  });

  it('reports layers with bytes, oldest first', () => {
    const layers = layersFromHistory([
      { CreatedBy: 'COPY . /app # buildkit', Size: 10 },
      { CreatedBy: '/bin/sh -c #(nop)  ENV A=1', Size: 0 },
      { CreatedBy: '/bin/sh -c #(nop) ADD file:abc in / ', Size: 1000 },
    ]);
    expect(layers).toEqual([
      { sizeBytes: 1000, createdBy: 'ADD ... /' },
      { sizeBytes: 10, createdBy: 'COPY . /app' },
    ]);
  });
});
