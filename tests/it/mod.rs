pub mod adult;
pub mod cli;
