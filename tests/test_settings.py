import pytest

from sillok.errors import SettingsError
from sillok.settings import load_settings


def test_packaged_defaults_load():
    s = load_settings()
    assert s.store.batch_size > 0
    assert "en" in s.extract.languages


def test_user_file_overlays_only_what_it_names(tmp_path):
    f = tmp_path / "s.toml"
    f.write_text("[store]\nbatch_size = 7\n")
    s = load_settings(f)
    assert s.store.batch_size == 7
    assert s.ingest.max_file_mb == load_settings().ingest.max_file_mb


def test_environment_variable_names_the_file(tmp_path, monkeypatch):
    f = tmp_path / "s.toml"
    f.write_text("[ingest]\nmin_text_chars = 3\n")
    monkeypatch.setenv("SILLOK_CONFIG", str(f))
    assert load_settings().ingest.min_text_chars == 3


@pytest.mark.parametrize(
    "text, message",
    [
        ("[store]\nbatch_sise = 7\n", "unknown setting"),
        ("[stor]\nbatch_size = 7\n", "unknown setting"),
        ("[store]\nbatch_size = 'seven'\n", "expected int"),
        ("[store\n", "not valid TOML"),
        ("[extract]\nlanguages = 'en'\n", "expected a list"),
    ],
)
def test_bad_settings_files_are_reported(tmp_path, text, message):
    f = tmp_path / "s.toml"
    f.write_text(text)
    with pytest.raises(SettingsError, match=message):
        load_settings(f)


def test_missing_settings_file_is_reported(tmp_path):
    with pytest.raises(SettingsError, match="cannot read"):
        load_settings(tmp_path / "nope.toml")
