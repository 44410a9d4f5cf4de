# Sourced by the scripts here: a Spark standalone cluster on loopback, started from the build's jars.
#   source cluster.sh; cluster_start WORK PORT NWORKERS; ...; greendl_search OUT [args]; cluster_stop
# (greendl_cmd OUT ARGS... runs any greendl command with the cluster's executor settings)
# A master and NWORKERS workers (one core, 3 GB each) in their own JVMs; WORKER_PIDS[i] is worker i's pid.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$root/greendl" --version >/dev/null # builds the jar and its lib folder when stale
cp="$root/cli/target/greendl.jar:$root/cli/target/lib/*"
# The JDK 17 module openings Spark needs (the parent pom's spark.addOpens).
opens=(-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true)
CLUSTER_PIDS=()
declare -A WORKER_PIDS=()

cluster_start() { # WORK PORT NWORKERS
  CLUSTER_WORK="$1" CLUSTER_PORT="$2"
  mkdir -p "$CLUSTER_WORK"
  # A worker starts its executors from a Spark installation's jars folder: make one of the build's jars.
  export SPARK_HOME="$CLUSTER_WORK/spark-home" SPARK_SCALA_VERSION=2.13
  rm -rf "$SPARK_HOME" && mkdir -p "$SPARK_HOME/jars"
  ln -s "$root/cli/target/greendl.jar" "$root"/cli/target/lib/*.jar "$SPARK_HOME/jars/"
  java "${opens[@]}" -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master --host 127.0.0.1 \
      --port "$CLUSTER_PORT" --webui-port $((CLUSTER_PORT + 1)) > "$CLUSTER_WORK/master.log" 2>&1 &
  CLUSTER_PIDS+=($!)
  for w in $(seq "$3"); do cluster_worker "$w"; done
  cluster_wait "$3"
}

cluster_worker() { # N: starts (or restarts) worker N
  java "${opens[@]}" -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
      --memory 3g --webui-port $((CLUSTER_PORT + 1 + $1)) --work-dir "$CLUSTER_WORK/worker$1" \
      "spark://127.0.0.1:$CLUSTER_PORT" >> "$CLUSTER_WORK/worker$1.log" 2>&1 &
  WORKER_PIDS[$1]=$!
  CLUSTER_PIDS+=($!)
}

cluster_wait() { # N: until the master has registered N workers (in all)
  for _ in $(seq 60); do
    [[ "$(grep -c "Registering worker" "$CLUSTER_WORK/master.log" 2>/dev/null)" -ge "$1" ]] && return 0
    sleep 1
  done
  echo "the workers did not register" >&2
  return 1
}

cluster_stop() { for p in "${CLUSTER_PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }

greendl_cmd() { # OUT ARGS...: the CLI with the cluster's settings (stdout in OUT.json, log in OUT.log, JVM pid in OUT.pid)
  local out="$1"; shift
  # The JVM runs as a child of this (sub)shell: its pid is written so that a kill reaches it itself.
  OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=1 \
      -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      "-Dspark.executor.extraClassPath=$cp" "-Dspark.executor.extraJavaOptions=${opens[*]}" \
      -Dspark.executor.memory=1g -Dspark.cores.max=2 \
      -jar "$root/cli/target/greendl.jar" "$@" > "$out.json" 2>> "$out.log" &
  local pid=$!
  echo "$pid" > "$out.pid"
  wait "$pid"
}

greendl_search() { # OUT [args]: one search into OUT (as greendl_cmd: OUT.json, OUT.log, OUT.pid)
  local out="$1"; shift
  greendl_cmd "$out" search --format json --threads 1 --tracking-mode process --out "$out" "$@"
}

write_space() { # FILE: the issue-8 space
  cat > "$1" <<JSON
{"model": "cnn", "dataset": "fashion-mnist", "max_epochs": 9,
 "params": {"lr": [0.001, 0.003, 0.01], "batch": [32, 64, 128], "weight_decay": [0, 0.0001, 0.001]}}
JSON
}
