"""PyTorch peer of LstmBench: the same network (LSTM 10->32, linear read-out of the last hidden
state), data (bench/results/lstm-data.csv), windows of 50, batches, Adam 3e-3, float32, CPU, and
the same end-of-epoch training-loss pass.
Usage: /usr/bin/python3 bench/lstm_peer.py [threads [epochs [batch]]]"""
import resource, sys, time
import numpy as np
import torch

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
batch = int(sys.argv[3]) if len(sys.argv) > 3 else 32
torch.set_num_threads(threads)
torch.manual_seed(1)
series = np.loadtxt("bench/results/lstm-data.csv", delimiter=",", dtype=np.float32)
steps, n = 50, len(series) - 50
x = torch.from_numpy(np.stack([series[i:i + steps] for i in range(n)]))
y = torch.from_numpy(series[steps:steps + n])

class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(10, 32, batch_first=True)
        self.out = torch.nn.Linear(32, 10)
    def forward(self, v):
        _, (h, _) = self.lstm(v)
        return self.out(h[-1])

net = Net()
opt = torch.optim.Adam(net.parameters(), lr=3e-3)
gen = torch.Generator().manual_seed(1)

def epoch():
    perm = torch.randperm(n, generator=gen)
    for b in range(0, n, batch):
        idx = perm[b:b + batch]
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
    with torch.no_grad():  # as LstmNetwork.fit: the training loss measured at the epoch's end
        last = torch.nn.functional.mse_loss(net(x), y).item()
    return last

epoch()
times = []
for _ in range(epochs):
    t0 = time.perf_counter()
    loss = epoch()
    times.append(time.perf_counter() - t0)
times.sort()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"pytorch-{torch.__version__}\tbatch {batch}\tepoch_s {times[len(times) // 2]:.3f}\tloss {loss:.5f}\tpeak_rss_mb {rss}\tthreads {threads}")
