import { describe, expect, it } from 'vitest';
import { isLoopbackRegistry, parseImageRef } from '../../src/docker/image-ref.js';

describe('parseImageRef', () => {
  it.each([
    [
      'python:3.13-slim-trixie',
      { registry: 'docker.io', repository: 'library/python', tag: '3.13-slim-trixie' },
    ],
    [
      'gcr.io/distroless/python3-debian13:nonroot',
      { registry: 'gcr.io', repository: 'distroless/python3-debian13', tag: 'nonroot' },
    ],
    [
      '127.0.0.1:5000/python:3.11-trixie',
      { registry: '127.0.0.1:5000', repository: 'python', tag: '3.11-trixie' },
    ],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['me/app:1', { registry: 'docker.io', repository: 'me/app', tag: '1' }],
    [
      'python:3.13@sha256:abc',
      { registry: 'docker.io', repository: 'library/python', tag: '3.13', digest: 'sha256:abc' },
    ],
  ])('%s', (ref, want) => {
    expect(parseImageRef(ref)).toEqual(want);
  });
});

describe('isLoopbackRegistry', () => {
  it('knows loopback hosts, with or without a port', () => {
    expect(['127.0.0.1:5000', 'localhost:5000', 'localhost', '[::1]:5000'].map(isLoopbackRegistry)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['docker.io', '10.0.0.1:5000', 'registry.local'].map(isLoopbackRegistry)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
