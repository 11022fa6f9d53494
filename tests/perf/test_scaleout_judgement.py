"""How the scale-out run judges what happened, on plain data: nginx's log lines, which errors
count as in flight on the killed server, and what fails the run."""

from perf import scaleout

A, B = 40001, 40002
KILLED_AT = 1000.0


def row(start, end, status, method="GET", upstreams=(B,)):
    return {
        "start": start,
        "end": end,
        "status": status,
        "method": method,
        "upstreams": [f"127.0.0.1:{p}" for p in upstreams],
        "uri": "/partnerships/",
    }


def stop_phase(*rows):
    event = {"stopped": KILLED_AT, "restarted": KILLED_AT + 20, "up": KILLED_AT + 45}
    return {"events": [event], "proxy_log": list(rows)}


def test_it_reads_nginx_log_lines_with_a_request_passed_to_the_other_server(tmp_path):
    log = tmp_path / "access.log"
    log.write_text(
        '1000.500 0.250 200 GET "127.0.0.1:40002, 127.0.0.1:40001" "502, 200" "/healthz"\n'
        '1001.000 1.000 502 POST "127.0.0.1:40002" "502" "/partnerships/x/"\n'
        "not a log line\n"
    )
    rows = scaleout.read_proxy_log(log)
    assert [r["status"] for r in rows] == [200, 502]
    assert rows[0]["upstreams"] == ["127.0.0.1:40002", "127.0.0.1:40001"]
    assert rows[0]["start"] == 1000.25 and rows[1]["method"] == "POST"


def test_a_save_with_the_killed_server_at_the_moment_it_died_is_in_flight():
    result = stop_phase(row(999.0, 1000.1, 502, "POST"))
    scaleout.judge_stop(result, B)
    assert result["in_flight_errors"] == 1 and result["unexplained_5xx"] == 0
    assert result["in_flight_errors_by_method"] == {"POST": 1}


def test_an_error_that_ended_before_the_kill_is_not_in_flight():
    result = stop_phase(row(990.0, 995.0, 502, "POST"))
    scaleout.judge_stop(result, B)
    assert result["in_flight_errors"] == 0 and result["unexplained_5xx"] == 1


def test_an_error_from_the_server_left_running_is_not_in_flight_on_the_killed_one():
    result = stop_phase(row(999.0, 1000.1, 500, "GET", upstreams=(A,)))
    scaleout.judge_stop(result, B)
    assert result["unexplained_5xx"] == 1


def test_a_page_passed_from_the_killed_server_to_the_other_is_counted_not_an_error():
    result = stop_phase(row(999.5, 1001.0, 200, "GET", upstreams=(B, A)), row(1, 2, 200))
    scaleout.judge_stop(result, B)
    assert result["passed_to_other_server"] == 1 and result["in_flight_errors"] == 0
    assert result["down_seconds"] == 20 and result["outage_seconds"] == 45


def phase_figures(**changes):
    figures = {
        "rps": 5.0,
        "requests": 300,
        "p95_ms": 900,
        "errors": 0,
        "no_answer": 0,
        "unexplained_5xx": 0,
        "sessions_dropped": 0,
        "saves": {"acknowledged": 10, "missing": []},
    }
    return {**figures, **changes}


def results(**phases):
    return {
        "users": 40,
        "seconds": 60,
        "workers": 2,
        "session_check": {"a": 200, "b": 200},
        "two_against_one": 1.5,
        "one": phase_figures(),
        "two": phase_figures(),
        "stop": phase_figures(
            errors=1,
            in_flight_errors=1,
            in_flight_errors_by_method={"POST": 1},
            passed_to_other_server=4,
            down_seconds=20,
            outage_seconds=45,
        ),
        **phases,
    }


def test_a_clean_run_passes_and_its_table_compares_two_servers_with_one():
    assert scaleout.failed(results()) == []
    table = scaleout.table(results())
    assert "Two servers against one: 1.5x" in table and "A 200, B 200" in table
    assert "1 errors for requests in flight on B" in table and "0 other 5xx" in table


def test_it_fails_on_a_lost_save_a_dropped_session_or_errors_with_every_server_up():
    lost = phase_figures(saves={"acknowledged": 10, "missing": [{"token": "load-x"}]})
    assert scaleout.failed(results(stop=lost)) == [
        "acknowledged saves missing from the database (the stop)"
    ]
    assert scaleout.failed(results(two=phase_figures(sessions_dropped=3))) == [
        "signed-in pages sent to the sign-in form (two servers)"
    ]
    assert scaleout.failed(results(one=phase_figures(errors=2, unexplained_5xx=2))) == [
        "errors other than requests in flight on the stopped server (one server)",
        "errors with every server up (one server)",
    ]
    assert scaleout.failed(results(session_check={"a": 200, "b": 302})) == [
        "a session made through the proxy was not recognised by every server"
    ]
