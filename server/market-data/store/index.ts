// The data-set store's public surface: save a MarketData as a named, versioned, immutable data set
// in PostgreSQL and load it back into columnar arrays.
export { saveDataset, saveDatasetOnClient, type SaveDatasetInput, type SavedDataset } from "./save-dataset";
export { loadDatasetByName, loadDatasetById, listReadyDatasetNames, findReadyDataset, type LoadDatasetOptions } from "./load-dataset";
export { listDatasets, getDatasetReport, type DatasetSummary, type DatasetReport, type SeriesCoverage } from "./list-datasets";
export { DatasetNotFoundError, DatasetInvalidError } from "./dataset-errors";
export { DATASET_NAME_PATTERN, DATASET_NAME_RULE, SYNTHETIC_SEED_LOCK_NAMESPACE } from "./dataset-names";
export { buildSyntheticDatasetInput, describeSyntheticDataset, type SyntheticDatasetOptions } from "./synthetic-dataset-input";
