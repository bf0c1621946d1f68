#!/usr/bin/env python3
"""Run a MIND Lab recipe on a Ray cluster with vLLM (ray.data.llm), multi-node.

Reads the OpenAI Batch request shards `mind-lab batch --recipe recipe.json IN -o DIR` wrote (so chunking and prompt
rendering have one implementation, the lab's) and appends results to OUT in the OpenAI Batch *output* format, the
same lines `vllm run-batch` and `mind-lab generate` write, which the lab imports for review:

    {"id", "custom_id", "response": {"status_code", "request_id", "body": <chat.completion>} | null, "error": {...} | null}

Like `mind-lab generate` it resumes: custom_ids already in OUT are skipped and a cut-off last line is cut away, so
every custom_id ends up in OUT exactly once.

    python scale/ray_mind.py --model meta-llama/Llama-3.1-8B-Instruct --requests 'DIR/requests-*.jsonl' \
        --out results.jsonl --replicas 8 --tensor-parallel-size 1 --max-model-len 4096

Only `run()` needs Ray and vLLM (`pip install -U "ray[data,llm]"`); everything else is plain Python, tested without
them by scale/test_ray_mind.py on request files the lab exported (scale/fixtures).
"""
from __future__ import annotations

import argparse
import glob
import gzip
import json
import os
import time
import uuid
from typing import Any, Dict, Iterable, Iterator, List, Optional, Set, Tuple

CHAT_COMPLETIONS_URL = "/v1/chat/completions"


class RequestFileError(ValueError):
    """A request line that is not a chat completion batch request; names the file and line."""


def open_text(path: str):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, "r", encoding="utf-8")


def read_requests(paths: Iterable[str]) -> Iterator[Dict[str, Any]]:
    """Every request line of the shards, checked, each custom_id once (the first), in file order."""
    seen: Set[str] = set()
    for path in paths:
        with open_text(path) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    request = json.loads(line)
                except json.JSONDecodeError as error:
                    raise RequestFileError(f"{path}:{number}: not JSON ({error.msg})") from None
                body = request.get("body") if isinstance(request, dict) else None
                if not isinstance(request, dict) or not isinstance(request.get("custom_id"), str) or not isinstance(body, dict):
                    raise RequestFileError(f"{path}:{number}: not a batch request (custom_id, method, url, body)")
                if request.get("url") != CHAT_COMPLETIONS_URL:
                    raise RequestFileError(f"{path}:{number}: url must be {CHAT_COMPLETIONS_URL}, got {request.get('url')!r}")
                if not isinstance(body.get("messages"), list) or not body["messages"]:
                    raise RequestFileError(f"{path}:{number}: body.messages must be a non-empty list")
                if request["custom_id"] in seen:
                    continue
                seen.add(request["custom_id"])
                yield request


def scan_output(path: str) -> Tuple[Set[str], int]:
    """The custom_ids OUT already holds, and how many bytes of a cut-off last line were cut away (0 when none)."""
    done: Set[str] = set()
    if not os.path.exists(path):
        return done, 0
    with open(path, "rb") as handle:
        data = handle.read()
    whole = data.rfind(b"\n") + 1
    for number, raw in enumerate(data[:whole].split(b"\n")[:-1], start=1):
        if not raw.strip():
            continue
        try:
            custom_id = json.loads(raw).get("custom_id")
        except (json.JSONDecodeError, AttributeError):
            custom_id = None
        if not isinstance(custom_id, str):
            raise ValueError(f"{path}:{number} is not a batch output line; move the file away or fix that line")
        done.add(custom_id)
    torn = len(data) - whole
    if torn:
        with open(path, "r+b") as handle:
            handle.truncate(whole)
    return done, torn


def sampling_params(body: Dict[str, Any]) -> Dict[str, Any]:
    """vLLM SamplingParams from an OpenAI request body (the names differ only for max_tokens vs nothing: same)."""
    params: Dict[str, Any] = {}
    for key in ("temperature", "top_p", "max_tokens", "seed"):
        if body.get(key) is not None:
            params[key] = body[key]
    if body.get("stop"):
        params["stop"] = list(body["stop"])
    return params


def to_row(request: Dict[str, Any]) -> Dict[str, Any]:
    """A dataset row: flat columns with one type each, so Arrow infers one schema for every shard."""
    return {"custom_id": request["custom_id"], "body_json": json.dumps(request["body"], ensure_ascii=False)}


def chat_template_of(requests: Iterable[Dict[str, Any]]) -> Optional[str]:
    """The chat_template the lab sends for a model without its own (one per recipe), or None for the model's own."""
    templates = {request["body"].get("chat_template") for request in requests}
    if len(templates) > 1:
        raise ValueError("the request files carry different chat templates: run one recipe at a time")
    return next(iter(templates), None)


def preprocess(row: Dict[str, Any]) -> Dict[str, Any]:
    """Ray Data preprocess: the request's messages and sampling, as ray.data.llm's vLLM stage takes them."""
    body = json.loads(row["body_json"])
    return {
        "custom_id": row["custom_id"],
        "model": body.get("model", ""),
        "messages": [{"role": m["role"], "content": m["content"]} for m in body["messages"]],
        "sampling_params": sampling_params(body),
    }


def finish_reason(row: Dict[str, Any], max_tokens: Optional[int]) -> str:
    reason = row.get("finish_reason")
    if isinstance(reason, str) and reason:
        return reason
    generated = row.get("num_generated_tokens")
    return "length" if max_tokens is not None and isinstance(generated, int) and generated >= max_tokens else "stop"


def postprocess(row: Dict[str, Any], now: Optional[float] = None) -> Dict[str, Any]:
    """Ray Data postprocess: one batch output line (as a JSON string) for the row, an error line when inference failed."""
    custom_id = row["custom_id"]
    line_id = f"batch_req_{uuid.uuid4().hex}"
    error = row.get("__inference_error__")
    if error:
        return {"custom_id": custom_id, "line": json.dumps({"id": line_id, "custom_id": custom_id, "response": None, "error": {"code": "inference_error", "message": str(error)}}, ensure_ascii=False)}
    prompt_tokens = row.get("num_input_tokens")
    completion_tokens = row.get("num_generated_tokens")
    max_tokens = (row.get("sampling_params") or {}).get("max_tokens")
    completion = {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(now if now is not None else time.time()),
        "model": row.get("model", ""),
        "choices": [{"index": 0, "message": {"role": "assistant", "content": row.get("generated_text") or ""}, "finish_reason": finish_reason(row, max_tokens)}],
    }
    if isinstance(prompt_tokens, int) and isinstance(completion_tokens, int):
        completion["usage"] = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens}
    response = {"status_code": 200, "request_id": completion["id"], "body": completion}
    return {"custom_id": custom_id, "line": json.dumps({"id": line_id, "custom_id": custom_id, "response": response, "error": None}, ensure_ascii=False)}


def append_lines(path: str, lines: Iterable[str]) -> int:
    """Appends each line whole (one write, flushed), so a crash can cut at most the last one."""
    count = 0
    with open(path, "a", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")
            handle.flush()
            count += 1
    return count


def pending_requests(paths: List[str], out: str) -> Tuple[List[Dict[str, Any]], int, int]:
    """The requests still without a line in OUT, how many were already there, and the torn bytes cut away."""
    done, torn = scan_output(out)
    pending = [request for request in read_requests(paths) if request["custom_id"] not in done]
    return pending, len(done), torn


def run(args: argparse.Namespace) -> int:  # pragma: no cover - needs Ray, vLLM and GPUs
    import ray
    from ray.data import llm as ray_llm

    build = getattr(ray_llm, "build_processor", None) or ray_llm.build_llm_processor
    paths = sorted(p for pattern in args.requests for p in glob.glob(pattern))
    if not paths:
        raise SystemExit(f"no request files match {args.requests}")
    pending, already, torn = pending_requests(paths, args.out)
    if torn:
        print(f"{args.out}: cut away a cut-off last line ({torn} bytes) left by an earlier run")
    print(f"{len(pending)} requests to run, {already} already in {args.out}")
    if not pending:
        return 0
    engine_kwargs = {"tensor_parallel_size": args.tensor_parallel_size, **({"max_model_len": args.max_model_len} if args.max_model_len else {}), **json.loads(args.engine_kwargs)}
    config = ray_llm.vLLMEngineProcessorConfig(
        model_source=args.model,
        engine_kwargs=engine_kwargs,
        concurrency=args.replicas,
        batch_size=args.batch_size,
        apply_chat_template=True,
        chat_template=chat_template_of(pending),
        should_continue_on_error=True,
    )
    processor = build(config, preprocess=preprocess, postprocess=postprocess)
    ray.init(address=args.address)
    dataset = processor(ray.data.from_items([to_row(request) for request in pending]))
    written = append_lines(args.out, (row["line"] for row in dataset.iter_rows()))
    print(f"wrote {written} results to {args.out}")
    return 0


def parse_args(argv: Optional[List[str]] = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", required=True, help="the model vLLM loads (Hugging Face id or path)")
    parser.add_argument("--requests", required=True, nargs="+", help="request shards (globs) written by mind-lab batch")
    parser.add_argument("--out", required=True, help="batch output file (resumed when it exists)")
    parser.add_argument("--replicas", type=int, default=1, help="vLLM engine replicas (Ray concurrency)")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--tensor-parallel-size", type=int, default=1)
    parser.add_argument("--max-model-len", type=int, default=None)
    parser.add_argument("--engine-kwargs", default="{}", help="more vLLM engine arguments as JSON")
    parser.add_argument("--address", default=None, help="Ray cluster address (default: start or join the local one)")
    return parser.parse_args(argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run(parse_args()))
