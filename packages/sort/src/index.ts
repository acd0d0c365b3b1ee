// @bycn/sort: the external merge sort of the large-file path: runs on disk, k-way merge, partitions, byte sinks
export { ExternalSorter, type SorterOptions, type RunFile } from "./sorter.js";
export { mergeRuns, type RunRange } from "./merge.js";
export { splitRuns, balancedCuts } from "./partition.js";
export { TextSink, ByteSink, frameEnd, type FrameSink } from "./sinks.js";
export { renderedCodec, renderedOf, RENDERED, type RenderedCodec, type RenderedRef, type RowRender } from "./codec.js";
export { stableSorted } from "./reference.js";
export { removeDir } from "./remove-dir.js";
