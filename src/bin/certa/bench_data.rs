use super::output::{CliError, Status};
#[derive(clap::Args)]
pub struct BenchDataArgs {
    #[arg(long)]
    pub items: usize,
}
pub fn run(_a: &BenchDataArgs) -> Result<Status, CliError> {
    Ok(Status::Ok)
}
