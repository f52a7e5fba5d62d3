//! Sharded runs and their merge: on their own, through Spark (local mode), through a Slurm
//! job array on a one-node cluster this test starts, and the Kubernetes manifests against
//! the API schema. Every merge is compared with one run of the same pipeline, file by file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::*;

/// A corpus of the sample articles plus an empty input (skipped) and a binary one (a dead
/// letter), with the default pipeline; one run of it writes `out/`.
struct Corpus {
    dir: tempfile::TempDir,
}

impl Corpus {
    fn new() -> Corpus {
        let dir = tempfile::tempdir().unwrap();
        let inputs = dir.path().join("in");
        std::fs::create_dir(&inputs).unwrap();
        for entry in std::fs::read_dir(repo_root().join("examples/articles")).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, inputs.join(path.file_name().unwrap())).unwrap();
        }
        std::fs::write(inputs.join("03a-empty.txt"), "").unwrap();
        std::fs::write(
            inputs.join("06a-binary.txt"),
            b"\x89PNG\r\n\x1a\n\x00\x00IHDR",
        )
        .unwrap();
        let pipeline = std::fs::read_to_string(repo_root().join("pipeline.toml")).unwrap();
        let pipeline = pipeline.replace("[\"examples/articles/*.txt\"]", "[\"in/*\"]");
        assert!(
            pipeline.contains("[\"in/*\"]"),
            "the default pipeline reads the samples"
        );
        std::fs::write(dir.path().join("pipeline.toml"), pipeline).unwrap();
        Corpus { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn pipeline(&self) -> String {
        self.path().join("pipeline.toml").display().to_string()
    }

    /// `dateline ARGS` in the corpus directory.
    fn dateline(&self, args: &[&str]) -> Output {
        dateline(self.path(), args)
    }

    /// One run of the whole pipeline into `out/`.
    fn run_once(&self) -> PathBuf {
        self.run_once_accounted().0
    }

    /// One run of the whole pipeline into `out/`, and its summary's accounting line.
    fn run_once_accounted(&self) -> (PathBuf, String) {
        let one = self.dateline(&["run", "pipeline.toml"]);
        assert_eq!(
            one.code, 3,
            "the binary input is a dead letter\n{}",
            one.stderr
        );
        (self.path().join("out"), accounting(&one.stderr))
    }
}

/// The summary's line that accounts for every record.
fn accounting(summary: &str) -> String {
    let line = summary
        .lines()
        .find(|l| l.trim_start().starts_with("written "));
    line.unwrap_or_else(|| panic!("no accounting line in {summary}"))
        .trim()
        .to_string()
}

/// `--set` arguments that put every output of the default pipeline under `dir`.
fn outputs_under(dir: &Path) -> Vec<String> {
    sample_outputs(dir)
        .into_iter()
        .flat_map(|set| ["--set".to_string(), set])
        .collect()
}

/// Every file under `dir` by relative path, in its comparable form.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|path| {
            let name = path.strip_prefix(dir).unwrap().display().to_string();
            (name, comparable(&path))
        })
        .collect()
}

fn assert_same_outputs(one: &Path, merged: &Path) {
    let (one, merged) = (contents(one), contents(merged));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        merged.keys().collect::<Vec<_>>(),
        "the merge writes the files one run writes"
    );
    assert!(one.len() >= 13, "every output: {:?}", one.keys());
    for (name, bytes) in &one {
        assert!(
            merged[name] == *bytes,
            "{name} differs between one run and the merged shards"
        );
    }
}

fn shard_dirs(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn three_shards_merged_are_what_one_run_writes() {
    let corpus = Corpus::new();
    let (one, one_accounting) = corpus.run_once_accounted();
    assert!(
        one_accounting.contains("dead-lettered 1  skipped 1"),
        "{one_accounting}"
    );
    let one_run = contents(&one);
    let shards = corpus.path().join("shards");
    let shards_arg = shards.display().to_string();
    for k in 0..3 {
        let spec = format!("{k}/3");
        let run = corpus.dateline(&[
            "run",
            "pipeline.toml",
            "--shard",
            &spec,
            "--shards-dir",
            &shards_arg,
        ]);
        assert!(
            run.code == 0 || run.code == 3,
            "shard {spec}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains(&format!("shard {spec}: inputs")),
            "{}",
            run.stderr
        );
    }
    // A retried task replaces its shard whole and leaves nothing behind.
    let retry = corpus.dateline(&[
        "run",
        "pipeline.toml",
        "--shard",
        "1/3",
        "--shards-dir",
        &shards_arg,
        "-q",
    ]);
    assert!(retry.code == 0 || retry.code == 3, "{}", retry.stderr);
    assert_eq!(
        shard_dirs(&shards),
        ["shard-0-of-3", "shard-1-of-3", "shard-2-of-3"]
    );
    assert!(
        contents(&one) == one_run,
        "shard runs with a shards directory leave the pipeline's outputs alone"
    );

    // One shard missing: refused, and nothing written.
    let merged = corpus.path().join("merged");
    let mut merge_args = vec!["merge".to_string(), corpus.pipeline()];
    merge_args.extend(["--shards-dir".to_string(), shards_arg.clone()]);
    merge_args.extend(outputs_under(&merged));
    let merge_args: Vec<&str> = merge_args.iter().map(String::as_str).collect();
    let aside = corpus.path().join("aside");
    std::fs::rename(shards.join("shard-1-of-3"), &aside).unwrap();
    let refused = corpus.dateline(&merge_args);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("1 of 3 shard(s) missing: 1/3"),
        "the refusal names the missing shard: {}",
        refused.stderr
    );
    assert!(
        !merged.exists() || contents(&merged).is_empty(),
        "a refused merge writes nothing"
    );
    std::fs::rename(&aside, shards.join("shard-1-of-3")).unwrap();

    // Merged through another pipeline (here another reference time): refused, nothing written.
    let mut other_pipeline = merge_args.clone();
    other_pipeline.extend(["--set", "run.reference_time=\"2030-01-01T00:00:00Z\""]);
    let refused = corpus.dateline(&other_pipeline);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("comes from another pipeline"),
        "{}",
        refused.stderr
    );
    assert!(!merged.exists() || contents(&merged).is_empty());

    // A stale attempt beside the shards is ignored, with a warning.
    std::fs::create_dir(shards.join(".shard-0-of-3.tmp-elsewhere-1")).unwrap();
    let merge = corpus.dateline(&merge_args);
    assert_eq!(merge.code, 3, "dead letters carry over: {}", merge.stderr);
    assert_eq!(
        accounting(&merge.stderr),
        one_accounting,
        "the merged counts are one run's"
    );
    assert!(
        merge
            .stderr
            .contains("unfinished or replaced shard attempt")
    );
    assert_same_outputs(&one, &merged);

    // A shard file changed after its run: refused, and the earlier outputs stay.
    let before = contents(&merged);
    let records = shards.join("shard-2-of-3/records.jsonl");
    let mut bytes = std::fs::read(&records).unwrap();
    let at = bytes.iter().position(|&b| b == b'e').unwrap();
    bytes[at] = b'E';
    std::fs::write(&records, bytes).unwrap();
    let tampered = corpus.dateline(&merge_args);
    assert_eq!(tampered.code, 1, "{}", tampered.stderr);
    assert!(
        tampered.stderr.contains("is not what its shard wrote"),
        "{}",
        tampered.stderr
    );
    assert!(
        contents(&merged) == before,
        "a failed merge keeps the previous outputs"
    );
}

#[test]
fn shards_with_outputs_in_place_concatenate_into_one_run() {
    let corpus = Corpus::new();
    let one = corpus.run_once();
    let parts = corpus.path().join("parts");
    for k in 0..3 {
        let spec = format!("{k}/3");
        let mut args = vec![
            "run".to_string(),
            "pipeline.toml".into(),
            "--shard".into(),
            spec.clone(),
            "-q".into(),
        ];
        args.extend(outputs_under(&parts.join(k.to_string())));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = corpus.dateline(&args);
        assert!(
            run.code == 0 || run.code == 3,
            "shard {spec}: {}",
            run.stderr
        );
    }
    let part = |k: usize, name: &str| parts.join(k.to_string()).join(name).display().to_string();
    let all = corpus.path().join("all.jsonl");
    let all_arg = all.display().to_string();

    let missing = corpus.dateline(&[
        "merge",
        "--into",
        &all_arg,
        &part(0, "articles.jsonl"),
        &part(2, "articles.jsonl"),
    ]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
    assert!(
        missing.stderr.contains("missing: 1/3"),
        "{}",
        missing.stderr
    );
    assert!(!all.exists(), "a refused merge writes nothing");

    let mixed = corpus.dateline(&[
        "merge",
        "--into",
        &all_arg,
        &part(0, "articles.jsonl"),
        &part(1, "dead-letter.jsonl"),
        &part(2, "articles.jsonl"),
    ]);
    assert_eq!(mixed.code, 1, "{}", mixed.stderr);
    assert!(!all.exists());

    // In any order on the command line, the parts go together in shard order.
    let merged = corpus.dateline(&[
        "merge",
        "--into",
        &all_arg,
        &part(2, "articles.jsonl"),
        &part(0, "articles.jsonl"),
        &part(1, "articles.jsonl"),
    ]);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert_eq!(
        std::fs::read(&all).unwrap(),
        std::fs::read(one.join("articles.jsonl")).unwrap(),
        "the merged records are one run's, byte for byte"
    );
    let letters = corpus.path().join("dead-letter.jsonl");
    let letters_arg = letters.display().to_string();
    let merged = corpus.dateline(&[
        "merge",
        "--into",
        &letters_arg,
        &part(0, "dead-letter.jsonl"),
        &part(1, "dead-letter.jsonl"),
        &part(2, "dead-letter.jsonl"),
    ]);
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert_eq!(
        std::fs::read(&letters).unwrap(),
        std::fs::read(one.join("dead-letter.jsonl")).unwrap()
    );
}

#[test]
fn the_shard_comes_from_the_engines_variables() {
    let corpus = Corpus::new();
    let shards = corpus.path().join("shards").display().to_string();
    let args = [
        "run",
        "pipeline.toml",
        "--shard-from-env",
        "--shards-dir",
        &shards,
        "-q",
    ];
    // A Slurm array --array=1-3: task 3 is the last of three shards.
    let slurm = dateline_with_env(
        corpus.path(),
        &args,
        &[
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
        ],
    );
    assert!(slurm.code == 0 || slurm.code == 3, "{}", slurm.stderr);
    let k8s = dateline_with_env(
        corpus.path(),
        &args,
        &[("JOB_COMPLETION_INDEX", "0"), ("DATELINE_SHARDS", "3")],
    );
    assert!(k8s.code == 0 || k8s.code == 3, "{}", k8s.stderr);
    assert_eq!(
        shard_dirs(&corpus.path().join("shards")),
        ["shard-0-of-3", "shard-2-of-3"]
    );
    let no_count = dateline_with_env(corpus.path(), &args, &[("JOB_COMPLETION_INDEX", "0")]);
    assert_eq!(no_count.code, 2, "{}", no_count.stderr);
    assert!(
        no_count.stderr.contains("DATELINE_SHARDS"),
        "{}",
        no_count.stderr
    );
}

#[test]
fn spark_runs_the_shards_and_the_merge_is_one_run() {
    let present = runs("python3", &["-c", "import pyspark"]) && runs("java", &["-version"]);
    if !required_tool(
        "PySpark with a Java runtime",
        present,
        "pip install pyspark and apt-get install openjdk-17-jre-headless",
    ) {
        return;
    }
    let corpus = Corpus::new();
    let one = corpus.run_once();
    let merged = corpus.path().join("merged");
    let mut args = vec![
        repo_root()
            .join("examples/spark/dateline_spark.py")
            .display()
            .to_string(),
        "--master".into(),
        "local[2]".into(),
        "--shards".into(),
        "3".into(),
        "--dateline".into(),
        env!("CARGO_BIN_EXE_dateline").into(),
        "--pipeline".into(),
        corpus.pipeline(),
        "--shards-dir".into(),
        corpus.path().join("shards").display().to_string(),
    ];
    args.extend(outputs_under(&merged));
    let spark = Command::new("python3")
        .args(&args)
        .current_dir(corpus.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&spark.stderr);
    assert_eq!(
        spark.status.code(),
        Some(3),
        "dead letters carry over:\n{stderr}"
    );
    assert_eq!(
        shard_dirs(&corpus.path().join("shards")),
        ["shard-0-of-3", "shard-1-of-3", "shard-2-of-3"]
    );
    assert_same_outputs(&one, &merged);
}

/// A one-node Slurm cluster (munged, slurmctld, slurmd) in a directory of its own, on free
/// ports; stopped when dropped.
struct Slurm {
    dir: tempfile::TempDir,
    conf: PathBuf,
}

impl Slurm {
    fn start() -> Slurm {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name).display().to_string();
        for sub in ["state", "spool", "munge"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        let key: Vec<u8> = (0..1024u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        std::fs::write(dir.path().join("munge/munge.key"), key).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            dir.path().join("munge/munge.key"),
            std::fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        let socket = at("munge/munge.sock");
        let status = Command::new("munged")
            .args([
                "--force",
                &format!("--socket={socket}"),
                &format!("--key-file={}", at("munge/munge.key")),
                &format!("--log-file={}", at("munged.log")),
                &format!("--pid-file={}", at("munged.pid")),
                &format!("--seed-file={}", at("munge/seed")),
            ])
            .status()
            .unwrap();
        assert!(status.success(), "munged starts");
        let host = String::from_utf8(Command::new("hostname").arg("-s").output().unwrap().stdout)
            .unwrap()
            .trim()
            .to_string();
        let port = || {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        };
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        let conf = dir.path().join("slurm.conf");
        std::fs::write(
            &conf,
            format!(
                "ClusterName=dateline\nSlurmctldHost={host}\nSlurmUser=root\nSlurmdUser=root\n\
                 AuthType=auth/munge\nAuthInfo=socket={socket}\nCredType=cred/munge\n\
                 SlurmctldPort={}\nSlurmdPort={}\nStateSaveLocation={}\nSlurmdSpoolDir={}\n\
                 SlurmctldPidFile={}\nSlurmdPidFile={}\nSlurmctldLogFile={}\nSlurmdLogFile={}\n\
                 ProctrackType=proctrack/linuxproc\nTaskPlugin=task/none\n\
                 SelectType=select/cons_tres\nSelectTypeParameters=CR_CPU\n\
                 SchedulerType=sched/builtin\nMpiDefault=none\nJobCompType=jobcomp/none\n\
                 JobAcctGatherType=jobacct_gather/none\n\
                 AccountingStorageType=accounting_storage/none\nReturnToService=2\n\
                 NodeName={host} CPUs={cpus} State=UNKNOWN\n\
                 PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP\n",
                port(),
                port(),
                at("state"),
                at("spool"),
                at("slurmctld.pid"),
                at("slurmd.pid"),
                at("slurmctld.log"),
                at("slurmd.log"),
            ),
        )
        .unwrap();
        let slurm = Slurm { dir, conf };
        for daemon in ["slurmctld", "slurmd"] {
            let status = slurm
                .command(daemon)
                .arg("-f")
                .arg(&slurm.conf)
                .status()
                .unwrap();
            assert!(status.success(), "{daemon} starts: {}", slurm.logs());
        }
        // Wait until the node takes jobs.
        for _ in 0..60 {
            let out = slurm
                .command("sinfo")
                .args(["-h", "-o", "%t"])
                .output()
                .unwrap();
            let state = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if state == "idle" || state == "mix" {
                return slurm;
            }
            std::thread::sleep(std::time::Duration::from_millis(500));
        }
        panic!("the Slurm node never came up: {}", slurm.logs());
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("SLURM_CONF", &self.conf);
        command
    }

    fn logs(&self) -> String {
        ["slurmctld.log", "slurmd.log", "munged.log"]
            .iter()
            .map(|name| {
                let text = std::fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
                let tail: Vec<&str> = text.lines().rev().take(15).collect();
                format!(
                    "--- {name}\n{}",
                    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Drop for Slurm {
    fn drop(&mut self) {
        for pid_file in ["slurmd.pid", "slurmctld.pid", "munged.pid"] {
            if let Ok(pid) = std::fs::read_to_string(self.dir.path().join(pid_file)) {
                let _ = Command::new("kill").arg(pid.trim()).status();
            }
        }
    }
}

/// What the test's one node can give a job, whatever the scripts ask of a real cluster
/// (options on the command line override `#SBATCH` lines).
const SMALL_NODE: [&str; 2] = ["--cpus-per-task=1", "--mem=0"];

#[test]
fn a_slurm_job_array_runs_the_shards_and_the_merge_is_one_run() {
    let tools = ["munged", "slurmctld", "slurmd", "sbatch", "sinfo"];
    let found = tools
        .iter()
        .all(|tool| runs("sh", &["-c", &format!("command -v {tool}")]));
    let root = runs("sh", &["-c", "test \"$(id -u)\" -eq 0"]);
    if !required_tool(
        "Slurm (slurmctld, slurmd, munge) run as root",
        found && root,
        "apt-get install slurmctld slurmd munge, as root",
    ) {
        return;
    }
    let slurm = Slurm::start();
    let corpus = Corpus::new();
    let one = corpus.run_once();
    let merged = corpus.path().join("merged");
    let shards = corpus.path().join("shards");
    let export = format!(
        "ALL,DATELINE={},PIPELINE={},SHARDS={}",
        env!("CARGO_BIN_EXE_dateline"),
        corpus.pipeline(),
        shards.display()
    );
    let examples = repo_root().join("examples/slurm");
    let array = slurm
        .command("sbatch")
        .args(["--parsable", "--array=0-2", "--export", &export])
        .args(SMALL_NODE)
        .arg(format!("--chdir={}", corpus.path().display()))
        .arg(examples.join("dateline-shards.sbatch"))
        .output()
        .unwrap();
    assert!(
        array.status.success(),
        "{}",
        String::from_utf8_lossy(&array.stderr)
    );
    let job = String::from_utf8_lossy(&array.stdout).trim().to_string();
    let merge_args = outputs_under(&merged).join(" ");
    let merge = slurm
        .command("timeout")
        .args(["120", "sbatch", "--wait", "--kill-on-invalid-dep=yes"])
        .args(SMALL_NODE)
        .arg(format!("--dependency=afterok:{job}"))
        .args(["--export", &format!("{export},MERGE_ARGS={merge_args}")])
        .arg(format!("--chdir={}", corpus.path().display()))
        .arg(examples.join("dateline-merge.sbatch"))
        .output()
        .unwrap();
    let logs: String = std::fs::read_dir(corpus.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "log"))
        .map(|p| {
            format!(
                "--- {}\n{}",
                p.display(),
                std::fs::read_to_string(&p).unwrap()
            )
        })
        .collect();
    if !merge.status.success() {
        let queue = slurm
            .command("scontrol")
            .args(["show", "job"])
            .output()
            .unwrap();
        panic!(
            "the merge job: {}\n{logs}\n{}\n{}",
            String::from_utf8_lossy(&merge.stderr),
            String::from_utf8_lossy(&queue.stdout),
            slurm.logs()
        );
    }
    assert_eq!(
        shard_dirs(&shards),
        ["shard-0-of-3", "shard-1-of-3", "shard-2-of-3"]
    );
    assert_same_outputs(&one, &merged);
}

#[test]
fn the_kubernetes_jobs_fit_the_api_schema() {
    if !required_tool(
        "kubernetes-validate",
        runs("kubernetes-validate", &["--version"]),
        "pip install kubernetes-validate",
    ) {
        return;
    }
    let dir = repo_root().join("examples/kubernetes");
    let validate = |files: &[PathBuf]| {
        Command::new("kubernetes-validate")
            .args(["--strict", "--kubernetes-version", "1.33.0"])
            .args(files)
            .output()
            .unwrap()
    };
    let manifests = [
        dir.join("dateline-shards.yaml"),
        dir.join("dateline-merge.yaml"),
    ];
    let checked = validate(&manifests);
    assert!(
        checked.status.success(),
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
    // The check can fail: a misspelt field is refused.
    let shards = std::fs::read_to_string(&manifests[0]).unwrap();
    assert!(shards.contains("completionMode: Indexed"));
    let broken = tempfile::tempdir().unwrap();
    let misspelt = broken.path().join("job.yaml");
    std::fs::write(
        &misspelt,
        shards.replace("completionMode:", "completionMod:"),
    )
    .unwrap();
    assert!(
        !validate(&[misspelt]).status.success(),
        "a misspelt field fails the check"
    );
    // The shard count the pods are told is the Job's completions.
    let completions = field(&shards, "completions:");
    let told = shards
        .split("name: DATELINE_SHARDS")
        .nth(1)
        .map(|rest| field(rest, "value:").trim_matches('"').to_string());
    assert_eq!(told.as_deref(), Some(completions.as_str()));
    assert!(shards.contains("--shard-from-env"));
}

fn field(text: &str, key: &str) -> String {
    text.lines()
        .find_map(|line| line.trim().strip_prefix(key))
        .map(|v| v.trim().to_string())
        .unwrap_or_default()
}

#[test]
fn shards_share_one_cache_and_a_rerun_reuses_it() {
    let corpus = Corpus::new();
    let one = corpus.run_once();
    let cache = corpus.path().join("cache").display().to_string();
    let shards = corpus.path().join("shards").display().to_string();
    // Two shards and a duplicate attempt of one of them (as a speculative task), all at once,
    // on one new cache.
    let attempts: Vec<std::process::Child> = ["0/2", "1/2", "0/2"]
        .iter()
        .map(|spec| {
            Command::new(env!("CARGO_BIN_EXE_dateline"))
                .args([
                    "run",
                    "pipeline.toml",
                    "--shard",
                    spec,
                    "--shards-dir",
                    &shards,
                ])
                .args(["--cache", &cache, "-q"])
                .current_dir(corpus.path())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for attempt in attempts {
        let out = attempt.wait_with_output().unwrap();
        let code = out.status.code();
        assert!(
            code == Some(0) || code == Some(3),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let rerun = corpus.dateline(&[
        "run",
        "pipeline.toml",
        "--shard",
        "1/2",
        "--shards-dir",
        &shards,
        "--cache",
        &cache,
    ]);
    assert!(rerun.code == 0 || rerun.code == 3, "{}", rerun.stderr);
    assert!(
        rerun.stderr.contains(" 0 misses, 0 corrupt"),
        "a rerun of a shard is served by the cache: {}",
        rerun.stderr
    );
    assert!(!rerun.stderr.contains("ignoring cache"), "{}", rerun.stderr);
    let merged = corpus.path().join("merged");
    let mut args = vec!["merge".to_string(), "--shards-dir".into(), shards.clone()];
    args.push(corpus.pipeline());
    args.extend(outputs_under(&merged));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let merge = corpus.dateline(&args);
    assert_eq!(merge.code, 3, "{}", merge.stderr);
    assert_same_outputs(&one, &merged);
}
