/**
 * The sample table shipped with the app: Palmer Penguins (scripts/table/build-penguins.ts
 * writes it and prints these numbers; a unit test checks that they name the file).
 */
import type { DatasetRef } from '../../config/dataset';

export const PENGUINS_SAMPLE: DatasetRef = {
  name: 'penguins.csv',
  sha256: 'bba73b900cdbf538b203fab76ef708c47c42d1738dbdbf381c17d89014eaac7a',
  bytes: 13486,
  sample: 'data/penguins/penguins.csv',
};

/** What the sample's file reading finds (its label column, features after encoding, classes). */
export const PENGUINS_READ = {
  labelColumn: 'Species',
  features: 9,
  classes: 3,
  classNames: ['Adelie', 'Chinstrap', 'Gentoo'],
};
