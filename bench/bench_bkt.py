"""Bayesian Knowledge Tracing: our numpy EM against pyBKT's compiled build, on the same 80/20 split (issue 4).

    .venv/bin/python bench/bench_bkt.py /work/data/builder_train.csv      # a DKT 3-line file
    .venv/bin/python bench/bench_bkt.py --synthetic                        # generated from known parameters
    .venv/bin/python bench/bench_bkt.py --synthetic --no-pybkt             # ours only

A DKT 3-line file holds, per student: the number of answers; the skill ids, comma-separated; the answers (0/1),
comma-separated. Students are split 80/20 with a fixed seed. Both models fit standard BKT (prior, learn, guess,
slip; no forgetting) per skill on the training students, then predict every test answer from the answers before
it on the same skill (skills never seen in training are left out, for both). AUC (a rank statistic, computed here)
and RMSE are over those test answers; fit time is wall time of the fit alone (pyBKT: ``Model.fit`` on a data frame),
also printed as the process's CPU time (every thread), a steadier figure on a shared machine.

pyBKT runs in its own benchmark-only virtualenv (``--pybkt-python``, default /work/bench-venv/bin/python), never a
project dependency; bench/bkt_requirements.txt says how to build it with the C++ extension. The script prints
which build ran. Targets: our AUC >= pyBKT's - 0.005, our fit time <= 2 x pyBKT's (C++ build). Exits 1 when one is
missed (or when pyBKT is the pure-Python fallback, which is not the build the target is about).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pollinate.mastery.calculations import bkt  # noqa: E402

AUC_SLACK = 0.005
TIME_FACTOR = 2.0
DEFAULT_PYBKT_PYTHON = "/work/bench-venv/bin/python"

Student = tuple[list[str], list[int]]

PYBKT_SCRIPT = r"""
import json, sys, time
import pandas as pd
import pyBKT.fit.E_step as e_step
from pyBKT.models import Model

train, test, out = sys.argv[1:4]
build = "C++ extension" if e_step.__file__.endswith((".so", ".pyd")) else "pure Python fallback"
import pyBKT
version = getattr(pyBKT, "__version__", "")
if not version:
    from importlib.metadata import version as v
    version = v("pyBKT")
train_df = pd.read_csv(train, dtype={"skill_name": str})
test_df = pd.read_csv(test, dtype={"skill_name": str})
model = Model(seed=42, num_fits=5)
start, cpu = time.perf_counter(), time.process_time()
model.fit(data=train_df)
fit_s, fit_cpu_s = time.perf_counter() - start, time.process_time() - cpu
start = time.perf_counter()
pred = model.predict(data=test_df)
predict_s = time.perf_counter() - start
pred = pred.sort_values("order_id")
json.dump({"build": build, "version": version, "module": e_step.__file__, "fit_s": fit_s, "fit_cpu_s": fit_cpu_s,
           "predict_s": predict_s, "order_id": pred["order_id"].tolist(),
           "p": pred["correct_predictions"].tolist()}, open(out, "w"))
"""


def read_dkt(path: Path) -> list[Student]:
    lines = [line.strip() for line in path.read_text().splitlines()]
    lines = [line for line in lines if line]
    students = []
    for i in range(0, len(lines) - 2, 3):
        n = int(lines[i].rstrip(","))
        skills = [s for s in lines[i + 1].split(",") if s != ""]
        answers = [int(a) for a in lines[i + 2].split(",") if a != ""]
        if not (len(skills) == len(answers) == n):
            raise SystemExit(f"{path}: student {i // 3 + 1} says {n} answers but has {len(skills)}/{len(answers)}")
        students.append((skills, answers))
    return students


def write_synthetic(path: Path, *, students: int, skills: int, seed: int) -> dict[str, bkt.BKTParams]:
    """A DKT file drawn from known parameters: each student practises a few skills, one block each."""
    rng = np.random.default_rng(seed)
    truth = {
        str(s): bkt.BKTParams(
            prior=float(rng.uniform(0.1, 0.7)),
            learn=float(rng.uniform(0.03, 0.3)),
            guess=float(rng.uniform(0.1, 0.35)),
            slip=float(rng.uniform(0.03, 0.2)),
        )
        for s in range(skills)
    }
    out = []
    for _ in range(students):
        chosen = rng.choice(skills, size=int(rng.integers(3, 16)), replace=False)
        skill_ids: list[str] = []
        answers: list[int] = []
        for s in chosen:
            length = int(rng.geometric(1 / 9))
            skill_ids += [str(s)] * length
            answers += bkt.simulate(truth[str(s)], [length], rng)[0]
        out.append(f"{len(answers)}\n{','.join(skill_ids)}\n{','.join(map(str, answers))}\n")
    path.write_text("".join(out))
    return truth


def by_skill(students: list[Student]) -> dict[str, list[list[int]]]:
    grouped: dict[str, list[list[int]]] = defaultdict(list)
    for skills, answers in students:
        per: dict[str, list[int]] = defaultdict(list)
        for s, a in zip(skills, answers, strict=True):
            per[s].append(a)
        for s, seq in per.items():
            grouped[s].append(seq)
    return grouped


def auc(y: np.ndarray, p: np.ndarray) -> float:
    """Mann-Whitney: P(a random right answer got a higher prediction than a random wrong one); ties count half."""
    order = np.argsort(p, kind="mergesort")
    sorted_p = p[order]
    ranks = np.empty(len(p))
    # Average ranks over tied predictions.
    _, first, counts = np.unique(sorted_p, return_index=True, return_counts=True)
    avg = first + (counts + 1) / 2.0
    ranks[order] = np.repeat(avg, counts)
    pos = y == 1
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def rmse(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.sqrt(np.mean((y - p) ** 2)))


def test_rows(students: list[Student], known: set[str]) -> list[tuple[int, str, str, int]]:
    """(order_id, user, skill, answer) for the test answers on skills seen in training, in file order."""
    rows = []
    order = 0
    for u, (skills, answers) in enumerate(students):
        for s, a in zip(skills, answers, strict=True):
            order += 1
            if s in known:
                rows.append((order, f"u{u}", s, a))
    return rows


def run_ours(train: list[Student], test: list[Student], restarts: int) -> dict:
    start, cpu = time.perf_counter(), time.process_time()
    params = bkt.fit(by_skill(train), restarts=restarts, seed=42)
    fit_s, fit_cpu_s = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    preds = []
    for skills, answers in test:
        known: dict[str, float] = {}  # P(knows the skill) before the next answer, per skill, from the answers so far
        for s, a in zip(skills, answers, strict=True):
            p = params.get(s)
            if p is None:
                continue
            k = known.get(s, p.prior)
            preds.append(k * (1 - p.slip) + (1 - k) * p.guess)
            known[s] = bkt.update(p, k, a)
    predict_s = time.perf_counter() - start
    return {"fit_s": fit_s, "fit_cpu_s": fit_cpu_s, "predict_s": predict_s, "p": np.array(preds), "params": params}


def run_pybkt(python: str, train: list[Student], test: list[Student], known: set[str]) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        order = 0
        lines = ["order_id,user_id,skill_name,correct"]
        for u, (skills, answers) in enumerate(train):
            for s, a in zip(skills, answers, strict=True):
                order += 1
                lines.append(f"{order},t{u},{s},{a}")
        (tmpdir / "train.csv").write_text("\n".join(lines) + "\n")
        lines = ["order_id,user_id,skill_name,correct"]
        lines += [f"{o},{u},{s},{a}" for o, u, s, a in test_rows(test, known)]
        (tmpdir / "test.csv").write_text("\n".join(lines) + "\n")
        (tmpdir / "run.py").write_text(PYBKT_SCRIPT)
        subprocess.run(
            [
                python,
                str(tmpdir / "run.py"),
                str(tmpdir / "train.csv"),
                str(tmpdir / "test.csv"),
                str(tmpdir / "out.json"),
            ],
            check=True,
        )
        result = json.loads((tmpdir / "out.json").read_text())
    result["p"] = np.array(result["p"])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", nargs="?", type=Path, help="a DKT 3-line file")
    parser.add_argument("--synthetic", action="store_true", help="generate the data from known parameters")
    parser.add_argument("--students", type=int, default=4000, help="synthetic: number of students")
    parser.add_argument("--skills", type=int, default=110, help="synthetic: number of skills")
    parser.add_argument("--seed", type=int, default=2009, help="the split's (and synthetic data's) seed")
    parser.add_argument("--restarts", type=int, default=5, help="our random restarts (pyBKT's num_fits is 5)")
    parser.add_argument("--pybkt-python", default=DEFAULT_PYBKT_PYTHON, help="the benchmark venv's python")
    parser.add_argument("--no-pybkt", action="store_true", help="measure ours only (no targets checked)")
    args = parser.parse_args(argv)
    if bool(args.path) == args.synthetic:
        parser.error("give a DKT file or --synthetic")

    with tempfile.TemporaryDirectory() as tmp:
        if args.synthetic:
            path = Path(tmp) / "synthetic.csv"
            write_synthetic(path, students=args.students, skills=args.skills, seed=args.seed)
            source = f"synthetic: {args.students} students, {args.skills} skills, seed {args.seed}"
        else:
            path = args.path
            source = str(path)
        students = read_dkt(path)

    rng = random.Random(args.seed)
    order = list(range(len(students)))
    rng.shuffle(order)
    cut = round(len(order) * 0.8)
    train = [students[i] for i in order[:cut]]
    test = [students[i] for i in order[cut:]]
    known = {s for skills, _ in train for s in skills}
    rows = test_rows(test, known)
    y = np.array([a for *_, a in rows], dtype=np.float64)
    n_train = sum(len(a) for _, a in train)
    print(f"data: {source}")
    print(
        f"students: {len(students)} ({len(train)} train / {len(test)} test, seed {args.seed}); "
        f"train answers {n_train:,}; skills {len(known)}; test answers scored {len(rows):,}"
    )

    ours = run_ours(train, test, args.restarts)
    if len(ours["p"]) != len(y):
        raise SystemExit("our predictions do not line up with the test answers")
    base = np.full_like(y, np.mean([a for _, ans in train for a in ans]))
    print(f"{'model':<34} {'AUC':>7} {'RMSE':>7} {'fit s':>8} {'fit cpu s':>10} {'predict s':>10}")
    print(f"{'constant (train mean)':<34} {auc(y, base):7.4f} {rmse(y, base):7.4f}")
    print(
        f"{'pollinate bkt (numpy EM)':<34} {auc(y, ours['p']):7.4f} {rmse(y, ours['p']):7.4f} "
        f"{ours['fit_s']:8.2f} {ours['fit_cpu_s']:10.2f} {ours['predict_s']:10.2f}"
    )
    if args.no_pybkt:
        return 0
    if not Path(args.pybkt_python).exists():
        print(f"pyBKT: {args.pybkt_python} not found (see bench/bkt_requirements.txt), or pass --no-pybkt")
        return 1
    theirs = run_pybkt(args.pybkt_python, train, test, known)
    if [o for o, *_ in rows] != theirs["order_id"]:
        raise SystemExit("pyBKT predicted other rows than ours")
    label = f"pyBKT {theirs['version']} ({theirs['build']})"
    print(
        f"{label:<34} {auc(y, theirs['p']):7.4f} {rmse(y, theirs['p']):7.4f} "
        f"{theirs['fit_s']:8.2f} {theirs['fit_cpu_s']:10.2f} {theirs['predict_s']:10.2f}"
    )
    print(f"pyBKT module: {theirs['module']}")
    ok_auc = auc(y, ours["p"]) >= auc(y, theirs["p"]) - AUC_SLACK
    ok_time = ours["fit_s"] <= TIME_FACTOR * theirs["fit_s"]
    print(
        f"AUC target (>= pyBKT - {AUC_SLACK}): {'met' if ok_auc else 'MISSED'}; "
        f"fit time target (<= {TIME_FACTOR:g} x pyBKT): {'met' if ok_time else 'MISSED'} "
        f"({ours['fit_s'] / theirs['fit_s']:.2f} x)"
    )
    if theirs["build"] != "C++ extension":
        print("pyBKT ran its pure-Python fallback: the time target is about the C++ build; rebuild the venv")
        return 1
    return 0 if ok_auc and ok_time else 1


if __name__ == "__main__":
    sys.exit(main())
