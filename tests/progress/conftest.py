import pytest

from progress.frameworks import default_files, load_framework


@pytest.fixture
def frameworks(db):
    return {q.code: q for q in (load_framework(path) for path in default_files())}


@pytest.fixture
def dwwm(frameworks, cohort):
    qualification = frameworks["RNCP37674"]
    qualification.cohorts.add(cohort)
    return qualification
