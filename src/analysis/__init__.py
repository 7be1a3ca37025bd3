"""Vietnamese news-analysis workbench.

The package reads top-down as the pipeline: ``load`` -> ``normalize`` -> ``mentions`` /
``topics`` -> ``trends`` -> ``charts`` -> ``report``. Everything between loading and report
export is a pure function of DataFrames and parameters.
"""

__version__ = "0.1.0"
from analysis.load import Loaded, load

__all__ = ["Loaded", "load"]
