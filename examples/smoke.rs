use neuroplay::config::Settings;
use neuroplay::train::Trainer;
fn main() {
    for q in [
        "dataset=xor",
        "dataset=circle",
        "dataset=spiral&layers=8,8,8&activation=tanh&optimizer=adam&lr=0.01",
        "dataset=blobs&classes=4&layers=8",
        "dataset=sin&layers=16,16&optimizer=adam&lr=0.01",
    ] {
        let (s, e) = Settings::from_query(q);
        assert!(e.is_empty(), "{e:?}");
        let mut t = Trainer::new(s);
        let t0 = std::time::Instant::now();
        for _ in 0..300 {
            t.train_epoch();
        }
        let r = t.history.last().unwrap();
        println!(
            "{q}: epoch {} train {:.4} test {:.4} acc {:.3} halt {:?} ({:?})",
            r.epoch,
            r.train.loss,
            r.test.loss,
            r.test.accuracy,
            t.halt,
            t0.elapsed() / 300
        );
    }
}
