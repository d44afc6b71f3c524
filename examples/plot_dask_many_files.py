"""
Training on a dask DataFrame read from many files
=================================================

Full-batch gradient descent is a map-reduce: each epoch's direction is a sum
over the rows, so it is a sum of the same quantity over blocks of rows. Given
a dask collection, ``SigmoidNeuronClassifier.fit`` persists the blocks on the
cluster's workers, computes each block's part there and adds the small parts;
only the weights travel. The model is the one an in-memory fit would train.

This example needs the ``dask`` extra: ``pip install "sksigmoid[dask]"``.
"""

# %%
# A data set split over many Parquet files
# ----------------------------------------
# Data that outgrow one machine usually arrive as many files. Here, 8 small
# Parquet files stand in for them.
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.datasets import make_classification

X, y = make_classification(40_000, 20, n_informative=10, class_sep=0.8, random_state=0)
columns = [f"x{i}" for i in range(X.shape[1])]
frame = pd.DataFrame(X, columns=columns).assign(label=y)
folder = Path(tempfile.mkdtemp())
for part, rows in enumerate(np.array_split(np.arange(len(frame)), 8)):
    frame.iloc[rows].to_parquet(folder / f"part-{part:02d}.parquet", index=False)
print(sorted(path.name for path in folder.iterdir()))

# %%
# A cluster, and the files as one dask DataFrame
# ----------------------------------------------
# Two workers with threads in this process keep the example self-contained.
# On a real cluster, connect to its scheduler instead, and nothing else
# changes: ``client = Client("tcp://scheduler-host:8786")`` (the files must
# then be where every worker can read them: a shared disk, S3, HDFS...).
import dask.dataframe as dd
from dask.distributed import Client, LocalCluster

cluster = LocalCluster(
    n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
)
client = Client(cluster)
data = dd.read_parquet(str(folder / "part-*.parquet"))
train, test = data.random_split([0.8, 0.2], random_state=0)

# %%
# Fit on the cluster
# ------------------
# The call is the in-memory one. The client holds the weights, never X.
from sksigmoid import SigmoidNeuronClassifier

neuron = SigmoidNeuronClassifier(random_state=0).fit(train[columns], train["label"])
print(f"{neuron.n_iter_} epochs, features {neuron.feature_names_in_[:3]}...")

# %%
# Predictions stay on the cluster until asked for
# -----------------------------------------------
# On a dask DataFrame, ``predict`` and ``predict_proba`` return dask arrays,
# computed block by block when asked for. The held-out labels are small
# enough to bring here.
from sklearn.metrics import accuracy_score

y_test = test["label"].compute()
predicted = neuron.predict(test[columns])
print(f"a {type(predicted).__name__} of {predicted.numblocks[0]} blocks")
print(f"held-out accuracy {accuracy_score(y_test, predicted.compute()):.4f}")
print(neuron.predict_proba(test[columns]).compute()[:3].round(3))

# %%
# The same model as in memory
# ---------------------------
# Each block's part of the sums weighs its samples by the total weight of all
# blocks, so the parts add up to the in-memory sums, and the models agree to
# rounding.
train_frame = train.compute()
in_memory = SigmoidNeuronClassifier(random_state=0).fit(
    train_frame[columns], train_frame["label"]
)
print(f"largest coef_ difference: {np.abs(neuron.coef_ - in_memory.coef_).max():.1e}")

# %%
# Streaming the blocks instead
# ----------------------------
# ``partial_fit`` trains on one chunk at a time, in mini-batches of 200 rows:
# dask-ml's ``Incremental`` passes it the blocks in turn, and a few passes
# come close to the full-batch model.
from dask_ml.wrappers import Incremental

streamed = Incremental(SigmoidNeuronClassifier(random_state=0), shuffle_blocks=False)
X_blocks = train[columns].to_dask_array(lengths=True)
y_blocks = train["label"].to_dask_array(lengths=True)
X_test_blocks = test[columns].to_dask_array(lengths=True)
streamed_accuracy = []
for _ in range(3):
    streamed.partial_fit(X_blocks, y_blocks, classes=[0, 1])
    streamed_predicted = streamed.predict(X_test_blocks).compute()
    streamed_accuracy.append(accuracy_score(y_test, streamed_predicted))
print(
    f"streamed in {streamed.estimator_.n_iter_} chunks: held-out accuracy "
    f"{streamed_accuracy[-1]:.4f}"
)

# %%
# The training, seen
# ------------------
# Left, the loss after each epoch: the cluster's curve and the in-memory one
# coincide. Right, the held-out accuracy of the streamed model after each pass
# over the blocks, against the full-batch fit's.
import matplotlib.pyplot as plt

fit_accuracy = accuracy_score(y_test, predicted.compute())
fig, (loss_ax, accuracy_ax) = plt.subplots(1, 2, figsize=(10, 4))
loss_ax.plot(neuron.loss_curve_, lw=4, alpha=0.4, label="fit on the dask DataFrame")
loss_ax.plot(in_memory.loss_curve_, "k.", label="fit in memory")
loss_ax.set(xlabel="epoch", ylabel="training loss", title="Full-batch delta rule")
loss_ax.legend()
passes = range(1, len(streamed_accuracy) + 1)
accuracy_ax.plot(passes, streamed_accuracy, "o-", label="Incremental (partial_fit)")
accuracy_ax.axhline(fit_accuracy, color="k", ls="--", label="fit on the cluster")
accuracy_ax.set(
    xlabel="passes over the blocks",
    ylabel="held-out accuracy",
    xticks=list(passes),
    title="Streaming the blocks",
)
accuracy_ax.legend()
fig.tight_layout()

client.close()
cluster.close()
shutil.rmtree(folder)
plt.show()
