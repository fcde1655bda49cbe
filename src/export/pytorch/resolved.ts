/**
 * What config.json carries beside the config: every value the Python side needs that the
 * studio resolves at run time (the data's files and shapes, the loss and evaluation columns,
 * each lane's state context). The contract between the zip builder and train.py; bump
 * EXPORT_SCHEMA on any change, train.py refuses a mismatch.
 */
import type { ExperimentConfig } from '../../config/schema';

export const EXPORT_SCHEMA = 1;

export interface ResolvedData {
  /** 'rows': batches are rows of train_x (points, images, tables); 'windows': windows cut from a corpus (the language tasks). */
  kind: 'rows' | 'windows';
  inputShape: number[];
  classes: number;
  /** .npy files under data/, by role. */
  files: Record<string, string>;
  /** Text: where the held-out tail begins, the window length, the vocabulary (characters in id order). */
  trainEnd?: number;
  context?: number;
  vocab?: string;
  /** Rows per forward pass when evaluating. */
  evalChunk?: number;
  /** Image tasks: the saliency probe's size (its teacher maps and foreground pixels are data files). */
  probe?: number;
}

export interface ResolvedLane {
  objective: string;
  params: Record<string, number>;
  schedule: ExperimentConfig['lanes'][number]['schedule'];
  /** What the objective's createState reads, and the seeded stream it draws from. */
  stateContext: Record<string, number | boolean | undefined>;
  stateSeedLabel: string;
}

export interface ProjectConfig {
  format: 'kd-studio-pytorch';
  exportSchema: number;
  studioVersion: string;
  /** The experiment exactly as the studio's link has it. */
  config: ExperimentConfig;
  link?: string;
  resolved: {
    data: ResolvedData;
    teacher: string;
    student: string;
    lanes: ResolvedLane[];
    /** The studio's metrics CSV columns: loss:<lane>:<key> and eval:<lane>:<id>. */
    lossColumns: { lane: number; key: string; kind: string }[];
    metrics: string[];
    evalColumns: string[];
    /** Adam's ε in tfjs (the backend's epsilon), SGD momentum as configured. */
    adamEpsilon: number;
    /** What the studio measured on the same data, for train.py's comparison line. */
    teacherMetrics: Record<string, number>;
  };
}
