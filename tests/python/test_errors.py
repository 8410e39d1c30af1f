"""Errors: the command line's messages, as ccsim.ScenarioError with where."""
import subprocess

import ccsim
import pytest

from conftest import ERLANG_A, small_centre

BAD = ERLANG_A.read_text().replace("{mean: 180s}", "{mean: 180}")


def test_scenario_error_is_a_value_error_with_where(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    with pytest.raises(ccsim.ScenarioError) as caught:
        ccsim.run(path)
    e = caught.value
    assert isinstance(e, ValueError)
    assert e.file == str(path)
    line = next(i for i, text in enumerate(BAD.splitlines(), 1)
                if "{mean: 180}" in text)
    assert e.line == line and e.column > 1
    assert e.key_path == "call_types[0].handle_time.exponential.mean"
    assert str(e).startswith("%s:%d:%d: %s: " % (path, line, e.column,
                                                  e.key_path))
    assert "expected a duration with a unit" in str(e)


def test_the_message_is_the_command_lines(tmp_path, ccsim_binary):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    cli = subprocess.run([ccsim_binary, "validate", str(path)],
                         capture_output=True, text=True)
    assert cli.returncode == 1
    with pytest.raises(ccsim.ScenarioError) as caught:
        ccsim.validate(str(path))
    assert str(caught.value) in cli.stdout + cli.stderr


def test_yaml_text_errors_point_into_the_text():
    with pytest.raises(ccsim.ScenarioError) as caught:
        ccsim.run(BAD)
    e = caught.value
    assert e.file == "(string)" and e.line is not None
    assert str(e).startswith("(string):%d:%d: " % (e.line, e.column))


def test_dict_errors_name_the_key_path():
    centre = small_centre()
    centre["call_types"][0]["fcr"] = 1.5
    with pytest.raises(ccsim.ScenarioError) as caught:
        ccsim.run(centre)
    e = caught.value
    assert (e.file, e.line, e.column) == ("(dict)", None, None)
    assert e.key_path == "call_types[0].fcr"
    assert str(e).startswith("(dict): call_types[0].fcr: ")


def test_a_missing_file():
    with pytest.raises(ccsim.ScenarioError) as caught:
        ccsim.run("no/such/scenario.yaml")
    assert str(caught.value).startswith("no/such/scenario.yaml: ")
    assert caught.value.file == "no/such/scenario.yaml"
    assert caught.value.line is None


def test_bad_arguments():
    with pytest.raises(ValueError, match="metrics: .*service_levle"):
        ccsim.run(small_centre(), metrics=["service_levle"])
    with pytest.raises(TypeError):
        ccsim.run(42)
    with pytest.raises(TypeError):
        ccsim.run(small_centre(horizon=object()))
    with pytest.raises(ValueError, match="replications"):
        ccsim.run(small_centre(), replications=0)
