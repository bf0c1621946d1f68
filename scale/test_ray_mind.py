"""Tests of scale/ray_mind.py's plain functions on request files the lab exported (scale/fixtures, kept current by
src/core/recipe/scaleFixtures.test.ts). Ray and vLLM are not needed: the Ray stage is stood in for by rows with the
fields ray.data.llm's vLLM stage adds (generated_text, num_input_tokens, num_generated_tokens)."""
import gzip
import json
import os
import shutil

import pytest

import ray_mind

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "fixtures")
REQUESTS = os.path.join(FIXTURES, "batch", "requests-00000.jsonl")
SOURCES = os.path.join(FIXTURES, "batch", "sources-00000.jsonl")
PLAIN_REQUESTS = os.path.join(FIXTURES, "batch-plain", "requests-00000.jsonl")


def json_lines(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def fake_engine(row, text="Ada: Why is x squared four?\nBen: Two times two is four.", generated=12):
    """What ray.data.llm's vLLM stage adds to a preprocessed row."""
    return {**row, "generated_text": text, "num_input_tokens": 40, "num_generated_tokens": generated}


def test_reads_every_request_the_lab_wrote_once_in_order():
    requests = list(ray_mind.read_requests([REQUESTS, REQUESTS]))
    assert [r["custom_id"] for r in requests] == [s["custom_id"] for s in json_lines(SOURCES)]
    assert len({r["custom_id"] for r in requests}) == 8


def test_reads_gzipped_shards(tmp_path):
    packed = tmp_path / "requests-00000.jsonl.gz"
    with open(REQUESTS, "rb") as source, gzip.open(packed, "wb") as target:
        shutil.copyfileobj(source, target)
    assert [r["custom_id"] for r in ray_mind.read_requests([str(packed)])] == [r["custom_id"] for r in json_lines(REQUESTS)]


def test_refuses_a_line_that_is_not_a_chat_request_naming_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(open(REQUESTS, encoding="utf-8").readline() + '{"custom_id": "x", "url": "/v1/completions", "body": {"prompt": "hi"}}\n')
    with pytest.raises(ray_mind.RequestFileError, match=r"bad\.jsonl:2: url must be /v1/chat/completions"):
        list(ray_mind.read_requests([str(bad)]))


def test_preprocess_gives_the_engine_the_lab_prompt_and_sampling_with_each_sample_seed():
    requests = json_lines(REQUESTS)
    rows = [ray_mind.preprocess(ray_mind.to_row(r)) for r in requests]
    for request, row in zip(requests, rows):
        assert row["custom_id"] == request["custom_id"]
        assert row["messages"] == request["body"]["messages"]
        assert row["sampling_params"] == {"temperature": 0.7, "top_p": 0.95, "max_tokens": 512, "seed": request["body"]["seed"], "stop": ["\n\n\n"]}
    # Two samples per excerpt: seed and seed + 1, as the lab's runs use.
    assert sorted({row["sampling_params"]["seed"] for row in rows}) == [11, 12]
    assert ray_mind.chat_template_of(requests) is None


def test_postprocess_writes_batch_output_lines_the_lab_reads():
    request = json_lines(REQUESTS)[0]
    row = fake_engine(ray_mind.preprocess(ray_mind.to_row(request)))
    line = json.loads(ray_mind.postprocess(row, now=1_700_000_000)["line"])
    assert set(line) == {"id", "custom_id", "response", "error"}
    assert line["custom_id"] == request["custom_id"] and line["error"] is None
    assert line["response"]["status_code"] == 200
    body = line["response"]["body"]
    assert body["object"] == "chat.completion" and body["created"] == 1_700_000_000 and body["model"] == "stories260K.gguf"
    assert body["choices"][0]["message"] == {"role": "assistant", "content": row["generated_text"]}
    assert body["choices"][0]["finish_reason"] == "stop"
    assert body["usage"] == {"prompt_tokens": 40, "completion_tokens": 12, "total_tokens": 52}

    full = json.loads(ray_mind.postprocess(fake_engine(ray_mind.preprocess(ray_mind.to_row(request)), generated=512))["line"])
    assert full["response"]["body"]["choices"][0]["finish_reason"] == "length"

    failed = json.loads(ray_mind.postprocess({"custom_id": "c1", "__inference_error__": "CUDA out of memory"})["line"])
    assert failed["response"] is None and failed["error"] == {"code": "inference_error", "message": "CUDA out of memory"}


def test_resume_skips_answered_ids_and_cuts_a_torn_last_line(tmp_path):
    out = tmp_path / "results.jsonl"
    requests = json_lines(REQUESTS)
    first = [ray_mind.postprocess(fake_engine(ray_mind.preprocess(ray_mind.to_row(r))))["line"] for r in requests[:3]]
    ray_mind.append_lines(str(out), first)
    with open(out, "a", encoding="utf-8") as handle:
        handle.write('{"id": "batch_req_torn", "custom_id": "' + requests[3]["custom_id"] + '", "resp')
    pending, already, torn = ray_mind.pending_requests([REQUESTS], str(out))
    assert already == 3 and torn > 0
    assert [r["custom_id"] for r in pending] == [r["custom_id"] for r in requests[3:]]
    ray_mind.append_lines(str(out), (ray_mind.postprocess(fake_engine(ray_mind.preprocess(ray_mind.to_row(r))))["line"] for r in pending))
    ids = [line["custom_id"] for line in json_lines(str(out))]
    assert sorted(ids) == sorted(r["custom_id"] for r in requests) and len(ids) == len(set(ids))
    assert ray_mind.pending_requests([REQUESTS], str(out))[0] == []


def test_a_bad_line_inside_out_stops_rather_than_guess(tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_text('not json\n{"custom_id": "a"}\n')
    with pytest.raises(ValueError, match=r"results\.jsonl:1 is not a batch output line"):
        ray_mind.scan_output(str(out))


@pytest.mark.parametrize("hf_like", [True, False])
def test_the_plain_chat_template_renders_the_lab_plain_prompt(hf_like):
    jinja2 = pytest.importorskip("jinja2")
    requests = json_lines(PLAIN_REQUESTS)
    template = ray_mind.chat_template_of(requests)
    assert template is not None
    with open(os.path.join(FIXTURES, "batch-plain", "expected-prompts.json"), encoding="utf-8") as handle:
        expected = json.load(handle)
    # Hugging Face tokenizers (and so vLLM) render chat templates with trim_blocks and lstrip_blocks on.
    environment = jinja2.Environment(trim_blocks=True, lstrip_blocks=True) if hf_like else jinja2.Environment()
    for request in requests:
        assert environment.from_string(template).render(messages=request["body"]["messages"]) == expected[request["custom_id"]]
        assert "### " in request["body"]["stop"][0]


def test_command_line_arguments():
    args = ray_mind.parse_args(["--model", "m", "--requests", "a/*.jsonl", "b/*.jsonl", "--out", "o.jsonl", "--replicas", "4"])
    assert args.requests == ["a/*.jsonl", "b/*.jsonl"] and args.replicas == 4 and json.loads(args.engine_kwargs) == {}
