export { LineIndex } from '../text/line-index';

/**
 * A text assembled from pieces of the file (a RUN script with its line continuations removed, the content of
 * a quoted `sh -c` argument) with, for each UTF-16 unit, the file offset it was written at (-1 when it was not
 * written as such, e.g. a line break that stands for a continuation).
 */
export interface MappedText {
  text: string;
  offsets: number[];
}
