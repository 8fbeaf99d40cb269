#!/usr/bin/python3
"""Cluster an edge list with scikit-learn's SpectralClustering, as the peer of the spectral job.

Reads the same edge list as the Sparsify loader (a file or a directory of part files; lines
"u v" or "u,v" with an optional third weight field; lines starting with '#' or '%' and a
non-numeric first line are skipped), symmetrises it with the larger weight of u-v and v-u,
drops self-loops, and runs SpectralClustering(affinity='precomputed', eigen_solver='lobpcg') on
the nodes that have at least one edge. Prints one JSON object: wall times in seconds, the
counts, and the ARI against the labels when --labels is given.
"""
import argparse
import glob
import json
import os
import sys
import time


def data_files(path):
    if path.startswith("file:"):
        path = path[len("file:"):]
    elif "://" in path:
        sys.exit("%s is not a local path; scikit-learn reads local files only" % path)
    if os.path.isdir(path):
        files = sorted(f for f in glob.glob(os.path.join(path, "*"))
                       if not os.path.basename(f).startswith(("_", ".")))
        if not files:
            sys.exit("no data files in directory %s" % path)
        return files
    if not os.path.exists(path):
        sys.exit("input %s not found" % path)
    return [path]


def split(line):
    return line.replace(",", " ").split()


def read_edges(path):
    sources, targets, weights = [], [], []
    for name in data_files(path):
        with open(name, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                fields = split(line)
                if not fields or fields[0][0] in "#%":
                    continue
                try:
                    u, v = int(fields[0]), int(fields[1])
                    w = float(fields[2]) if len(fields) > 2 else 1.0
                except (ValueError, IndexError):
                    if number == 1:
                        continue  # header line
                    sys.exit("%s line %d: expected 'u v [weight]' but found %r" % (name, number, line.strip()))
                if u != v:
                    sources.append(u)
                    targets.append(v)
                    weights.append(w)
    return sources, targets, weights


def read_labels(path):
    labels = {}
    for name in data_files(path):
        with open(name, encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                stripped = line.strip()
                if not stripped or stripped[0] in "#%":
                    continue
                fields = stripped.split(",") if "," in stripped else stripped.split()
                try:
                    labels[int(fields[0])] = fields[-1].strip()
                except ValueError:
                    if number == 1:
                        continue  # header line
                    sys.exit("%s line %d: expected 'node label' but found %r" % (name, number, stripped))
    return labels


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", required=True, help="edge list file or directory of part files")
    parser.add_argument("--labels", help="labels file or directory: 'node label' or CSV 'node,...,label'")
    parser.add_argument("--k", type=int, required=True, help="number of clusters")
    parser.add_argument("--seed", type=int, default=42, help="random_state of the solver and k-means")
    args = parser.parse_args()

    import numpy as np
    import scipy.sparse as sp
    import sklearn
    from sklearn.cluster import SpectralClustering
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    start = time.perf_counter()
    sources, targets, weights = read_edges(args.edges)
    if not sources:
        sys.exit("no edges in %s" % args.edges)
    ids, inverse = np.unique(np.array(sources + targets, dtype=np.int64), return_inverse=True)
    m = len(sources)
    rows = np.concatenate([inverse[:m], inverse[m:]])
    cols = np.concatenate([inverse[m:], inverse[:m]])
    values = np.concatenate([weights, weights])
    # The maximum of duplicate entries, as the Sparsify loader's default merge rule.
    coo = sp.coo_matrix((values, (rows, cols)), shape=(len(ids), len(ids)))
    order = np.lexsort((coo.data, coo.col, coo.row))
    keys = coo.row[order].astype(np.int64) * len(ids) + coo.col[order]
    last = np.append(keys[1:] != keys[:-1], True)
    affinity = sp.csr_matrix((coo.data[order][last], (coo.row[order][last], coo.col[order][last])),
                             shape=(len(ids), len(ids)))
    read_seconds = time.perf_counter() - start

    start = time.perf_counter()
    model = SpectralClustering(n_clusters=args.k, affinity="precomputed", eigen_solver="lobpcg",
                               assign_labels="kmeans", random_state=args.seed, n_init=10)
    assignment = model.fit_predict(affinity)
    fit_seconds = time.perf_counter() - start

    result = {
        "tool": "scikit-learn %s SpectralClustering(affinity=precomputed, eigen_solver=lobpcg)" % sklearn.__version__,
        "nodes": int(len(ids)),
        "edges": int(affinity.nnz // 2),
        "read_seconds": read_seconds,
        "fit_seconds": fit_seconds,
        "total_seconds": read_seconds + fit_seconds,
    }
    if args.labels:
        labels = read_labels(args.labels)
        nodes = ids.tolist()
        known = [i for i, node in enumerate(nodes) if node in labels]
        truth = [labels[nodes[i]] for i in known]
        found = assignment[known]
        result["labelled_nodes"] = len(known)
        result["ari"] = float(adjusted_rand_score(truth, found))
        result["nmi"] = float(normalized_mutual_info_score(truth, found))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
