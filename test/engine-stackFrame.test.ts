import { describe, expect, test } from 'vitest';
import { tidyFrame } from '../src/engine/verify/stackFrame.js';

describe('tidyFrame: a stack line as a person reads it, the same under tsx and a worker bundle', () => {
  test('a named function keeps its name', () => {
    expect(tidyFrame('    at measure (/p/x.property.ts:4:27)')).toBe('measure (/p/x.property.ts:4:27)');
  });
  test("top-level code: tsx's <anonymous> and the bundle's module initializer both read as the location", () => {
    expect(tidyFrame('at <anonymous> (/p/x.property.ts:4:27)')).toBe('/p/x.property.ts:4:27');
    expect(tidyFrame('at properties/x.property.ts (/p/properties/x.property.ts:4:27)')).toBe(
      '/p/properties/x.property.ts:4:27',
    );
  });
  test('a frame without a name is kept as it is', () => {
    expect(tidyFrame('at /p/x.property.ts:4:27')).toBe('/p/x.property.ts:4:27');
    expect(tidyFrame('at async Promise.all (index 0)')).toBe('async Promise.all (index 0)');
  });
});
