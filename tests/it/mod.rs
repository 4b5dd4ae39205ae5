pub mod adult;
pub mod checks;
pub mod cli;
pub mod ingest;
pub mod invariance;
