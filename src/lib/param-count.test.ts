import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fashionCnnParams, paramCount } from './param-count';

const IMAGE = [28, 28, 1];

describe('paramCount', () => {
  it('counts the shipped Fashion-MNIST teacher as its training script did', () => {
    const meta = JSON.parse(
      readFileSync(new URL('../../public/models/fashion-cnn/meta.json', import.meta.url), 'utf8'),
    );
    expect(paramCount({ kind: 'pretrained', id: 'fashion-cnn' }, IMAGE, 10)).toBe(meta.params);
    expect(fashionCnnParams([16, 32], 64)).toBe(56714);
  });

  it('counts the smaller teachers of the ladder by hand', () => {
    // conv 4: 40; conv 8: 296; dense 200→16: 3216; logits: 170.
    expect(paramCount({ kind: 'pretrained', id: 'fashion-cnn-xxs' }, IMAGE, 10)).toBe(3722);
  });

  it('counts an MLP student: 784·16 + 16 + 16·10 + 10', () => {
    expect(paramCount({ kind: 'mlp', hidden: [16], activation: 'relu' }, IMAGE, 10)).toBe(12730);
  });

  it('has no count for the text teacher from its spec', () => {
    expect(paramCount({ kind: 'pretrained', id: 'char-transformer' }, [64], 60)).toBeNull();
  });
});
