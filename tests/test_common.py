"""scikit-learn's estimator checks, over several configurations of each estimator."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from sksigmoid import SigmoidNeuronClassifier, ThresholdUnit

CONFIGURATIONS = [
    SigmoidNeuronClassifier(),
    SigmoidNeuronClassifier(loss="log_loss"),
    SigmoidNeuronClassifier(fit_intercept=False, learning_rate=0.5),
    ThresholdUnit(),
    ThresholdUnit(fit_intercept=False),
]

#: check name -> reason, per estimator. Kept empty: every check must pass.
EXPECTED_FAILED_CHECKS = {}


def expected_failed_checks(estimator):
    return EXPECTED_FAILED_CHECKS.get(type(estimator).__name__, {})


@parametrize_with_checks(
    CONFIGURATIONS, expected_failed_checks=expected_failed_checks, xfail_strict=True
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
