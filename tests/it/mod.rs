pub mod adult;
pub mod bias;
pub mod checks;
pub mod cli;
pub mod fuzz_regressions;
pub mod ingest;
pub mod invariance;
pub mod rng;
