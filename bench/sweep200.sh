# Sourced by bench/sweep.sh and bench/spark-sweep.sh: the 200-point sweep scenario they both run.
# sweep200_yaml METHOD: N = 80 Watts-Strogatz van der Pol networks to t = 200, coupling strength 0 to 0.199.
sweep200_yaml() {
  local values
  values=$(python3 -c 'print(", ".join(str(round(0.001 * i, 3)) for i in range(200)))')
  cat <<YAML
name: sweep200
seed: 7
network:
  topology: {type: watts-strogatz, nodes: 80, k: 6, p: 0.1}
  nodes: {omega: {distribution: normal, mean: 1.0, sd: 0.05}}
coupling: {type: diffusive, variable: y}
integrator: {type: $1, rtol: 1.0e-8, atol: 1.0e-10, dt: 0.01}
time: {t-end: 200, transient: 100}
monitors: {period: 0.1, save-trajectory: false}
sweep:
  grid:
    coupling.strength: [$values]
YAML
}
