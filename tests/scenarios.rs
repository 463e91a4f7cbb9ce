//! Every playground scenario keeps its claim: trained with the page's
//! trainer from its link for `scenarios::EPOCHS` epochs, each claim is
//! measured after every epoch and must hold at each one of its span.
//!
//! `cargo test` checks seeds 1 and 2; `make scenarios` checks all of
//! `scenarios::SEEDS` in an optimised build (the ignored test below) and
//! prints each claim's worst figure. `SCENARIO=ID` checks that one alone.

use neuroplay::config::scenarios::{self, Scenario, Verdict, EPOCHS};
use std::sync::Mutex;

/// Runs every playground scenario from each of `seeds` on all cores and
/// returns, per run, the scenario, the seed and its verdicts.
fn run_all(seeds: &[u32]) -> Vec<(&'static Scenario, u32, Vec<Verdict>)> {
    let jobs: Vec<(&'static Scenario, u32)> = chosen()
        .flat_map(|s| seeds.iter().map(move |&seed| (s, seed)))
        .collect();
    let jobs = Mutex::new(jobs.into_iter());
    let done = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let Some((scenario, seed)) = jobs.lock().unwrap().next() else {
                    break;
                };
                let verdicts = scenarios::run(scenario, seed, EPOCHS);
                done.lock().unwrap().push((scenario, seed, verdicts));
            });
        }
    });
    let mut done = done.into_inner().unwrap();
    done.sort_by_key(|(s, seed, _)| (scenarios::SCENARIOS.iter().position(|t| t.id == s.id), *seed));
    done
}

/// The playground's scenarios, or the one `SCENARIO` names.
fn chosen() -> impl Iterator<Item = &'static Scenario> {
    let only = std::env::var("SCENARIO").ok();
    scenarios::playground().filter(move |s| only.as_deref().is_none_or(|id| s.id == id))
}

/// Prints each claim's worst figure over the seeds and fails naming every
/// claim that broke, with its seed, figure and epoch.
fn check(seeds: &[u32]) {
    let runs = run_all(seeds);
    assert!(
        !runs.is_empty(),
        "no playground scenario is named {:?}",
        std::env::var("SCENARIO")
    );
    let mut broken = Vec::new();
    for scenario in chosen() {
        for (k, claim) in scenario.claims.iter().enumerate() {
            let mut worst: Option<(f32, u32, usize)> = None;
            for (_, seed, verdicts) in runs.iter().filter(|(s, ..)| s.id == scenario.id) {
                let v = verdicts[k];
                if !v.holds(EPOCHS) {
                    broken.push(format!(
                        "{} seed {seed}: {claim:?} broken: worst {:?} at epoch {}, run ended at epoch {}",
                        scenario.id, v.worst, v.at, v.last
                    ));
                }
                if let Some(w) = v.worst {
                    if worst.is_none_or(|(x, ..)| claim.bound().worse(x, w) != x) {
                        worst = Some((w, *seed, v.at));
                    }
                }
            }
            println!("{:16} {claim:?}: worst {worst:?} (figure, seed, epoch)", scenario.id);
        }
    }
    assert!(broken.is_empty(), "claims broken:\n{}", broken.join("\n"));
}

#[test]
fn every_playground_scenario_keeps_its_claim_from_seeds_1_and_2() {
    check(&[1, 2]);
}

/// All five seeds: `make scenarios` (about two minutes of two cores, optimised).
#[test]
#[ignore]
fn every_playground_scenario_keeps_its_claim_from_every_seed() {
    check(&scenarios::SEEDS.collect::<Vec<_>>());
}
