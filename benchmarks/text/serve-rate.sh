# Sourced by the int8 scripts: per_second FILE prints serve-bench's texts per second at batch 32 on generated token
# ids of $length tokens, with $threads ONNX Runtime threads, timing TIME_PER seconds (default 2), using $greendl.
per_second() { # the batch-32 row's "per second" column
  "$greendl" serve-bench "$1" --batch 32 --seconds "${TIME_PER:-2}" --threads "$threads" \
    --input "input_ids=N,$length:int64" --input "attention_mask=N,$length:int64" 2>/dev/null \
    | awk '$1 == 32 { print $5 }'
}
