import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks

from analysis.topics import (
    NAMED_TOPICS,
    TopicModel,
    blend,
    label_topics,
    seed_scores,
)
from analysis.topics.named import TITLE_VETO

TITLES = [
    "Khởi công cao tốc Cao Lãnh - An Hữu",
    "Thông xe cầu Hà Bắc 2 trên quốc lộ 31",
    "Giải ngân vốn đầu tư công cho cao tốc Bắc - Nam",
    "Xuất khẩu gạo sang Philippines tăng mạnh",
    "Mỹ áp thuế đối ứng với hàng xuất khẩu Việt Nam",
    "Kim ngạch xuất nhập khẩu qua cửa khẩu Hữu Nghị",
    "Vietjet mua 20 tàu bay A330neo",
    "Vietnam Airlines tăng chuyến bay dịp Tết",
    "Giá vé máy bay Tết tăng cao",
    "Đội tuyển bóng đá thắng trận",
    "Ca sĩ ra mắt album mới",
    "Bệnh viện tiếp nhận bệnh nhân sốt xuất huyết",
]


def articles():
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(TITLES))],
            "title": TITLES,
            "lead": [None] * len(TITLES),
        }
    )


def test_estimator_conventions():
    model = TopicModel(n_clusters=4, n_components=5, min_df=1, max_df=1.0, random_state=3)
    assert clone(model).get_params() == model.get_params()
    assert model.fit(TITLES) is model
    assert model.labels_.shape == (len(TITLES),)
    assert model.transform(TITLES[:2]).shape == (2, 5)
    assert len(model.get_feature_names_out()) == 5
    assert set(model.top_terms_) == set(range(4))


@pytest.mark.parametrize(
    "check",
    [
        estimator_checks.check_no_attributes_set_in_init,
        estimator_checks.check_parameters_default_constructible,
        estimator_checks.check_get_params_invariance,
        estimator_checks.check_set_params,
        estimator_checks.check_estimator_cloneable,
        estimator_checks.check_estimator_repr,
        estimator_checks.check_do_not_raise_errors_in_init_or_set_params,
        estimator_checks.check_mixin_order,
        estimator_checks.check_get_feature_names_out_error,
    ],
    ids=lambda check: check.__name__,
)
def test_scikit_learn_estimator_checks_that_apply_to_text_input(check):
    # The checks that feed numeric arrays do not apply: TopicModel reads texts.
    check("TopicModel", TopicModel(n_clusters=2, n_components=2, min_df=1, max_df=1.0))


def test_fit_keeps_no_training_data_and_names_what_transform_returns():
    model = TopicModel(n_clusters=3, n_components=4, min_df=1, max_df=1.0).fit(TITLES)
    per_text = [
        name
        for name, value in vars(model).items()
        if name.endswith("_") and getattr(value, "shape", (0,))[0] == len(TITLES)
    ]
    assert per_text == ["labels_"]  # as KMeans keeps labels_, nothing else per text
    vectors = model.transform(TITLES[:2])
    assert vectors.shape[1] == len(model.get_feature_names_out())
    assert (
        model.fit_transform(TITLES) == TopicModel(**model.get_params()).fit_transform(TITLES)
    ).all()


def test_label_topics_fits_a_clone_of_the_model_it_is_handed():
    template = TopicModel(n_clusters=4, n_components=5, min_df=1, max_df=1.0, random_state=9)
    _, fitted = label_topics(articles(), model=template, random_state=3)
    assert fitted is not template and not hasattr(template, "labels_")
    assert template.get_params()["random_state"] == 9
    assert fitted.random_state == 3 and fitted.n_clusters == 4


def test_a_handful_of_texts_fits_with_the_default_parameters():
    model = TopicModel().fit(TITLES[:3])
    assert model.n_clusters_ == 3
    assert sorted(model.labels_) == [0, 1, 2]


def test_same_random_state_same_clusters():
    a = TopicModel(n_clusters=4, n_components=5, min_df=1, max_df=1.0, random_state=0)
    b = clone(a)
    assert (a.fit(TITLES).labels_ == b.fit(TITLES).labels_).all()


def test_streaming_path_predicts_every_text():
    model = TopicModel(n_clusters=3, streaming=True, batch_size=5, random_state=0).fit(TITLES)
    assert model.labels_.shape == (len(TITLES),)
    assert model.predict(TITLES[:3]).shape == (3,)


def test_seed_scores_weigh_the_title_and_read_mentions():
    scores = seed_scores(["Khởi công cầu Hà Bắc 2"], ["Dự án giao thông lớn."])
    infrastructure = scores[0, NAMED_TOPICS.index("infrastructure")]
    assert infrastructure > 2  # title: "khởi công" + a bridge mention, doubled
    assert scores[0, NAMED_TOPICS.index("aviation")] == 0


def test_negative_cues_pull_a_score_down():
    crash = seed_scores(["Tai nạn trên quốc lộ 1, hai người tử vong"], [None])
    works = seed_scores(["Khởi công mở rộng quốc lộ 1"], [None])
    i = NAMED_TOPICS.index("infrastructure")
    assert crash[0, i] < works[0, i]


def test_a_title_cue_against_the_topic_vetoes_it():
    i = NAMED_TOPICS.index("infrastructure")
    crash = seed_scores(
        ["Tai nạn 5 xe trên cao tốc Phan Thiết - Dầu Giây"], ["Xe khách tông xe tải."]
    )
    works = seed_scores(["Thông xe cao tốc Phan Thiết - Dầu Giây"], ["Xe khách chạy thử."])
    assert 0 < crash[0, i] <= TITLE_VETO * works[0, i] + 1e-9
    # A negative total is not made less negative by the veto.
    fine = seed_scores(["Tai nạn, va chạm, tử vong"], [None])
    assert fine[0, i] < -1


def test_seed_terms_match_longest_first():
    trade = NAMED_TOPICS.index("trade")
    infrastructure = NAMED_TOPICS.index("infrastructure")
    labour = seed_scores(["Lừa đảo đi xuất khẩu lao động"], [None])
    goods = seed_scores(["Xuất khẩu gạo tăng mạnh"], [None])
    assert labour[0, trade] < 0 < goods[0, trade]
    # "bê tông" (concrete) is not the cue "tông" (to ram a vehicle).
    concrete = seed_scores(["Đổ bê tông trụ cầu đi bộ"], [None])
    assert concrete[0, infrastructure] > 0


def test_a_news_digest_has_no_named_topic():
    scores = seed_scores(
        ["Điểm tin 17h: Khởi công cao tốc Bắc - Nam | Vietjet mở đường bay mới"], ["Tin tức."]
    )
    assert not scores.any()
    assert seed_scores(["Toàn cảnh thi công mở rộng cao tốc La Sơn - Hòa Liên"], [None]).any()


def test_blend_pulls_toward_the_cluster_mean():
    own = np.array([[4.0], [0.0], [0.0]])
    blended, means = blend(own, np.array([0, 0, 1]), cluster_weight=0.5)
    assert means[0, 0] == 2.0
    assert blended[:, 0].tolist() == [3.0, 1.0, 0.0]


def test_label_topics_names_the_three_topics():
    labels, _ = label_topics(
        articles(),
        model=TopicModel(n_clusters=4, n_components=5, min_df=1, max_df=1.0, random_state=0),
    )
    named = dict(zip(labels["article_id"], labels["named_topics"], strict=True))
    assert "infrastructure" in named["a0"]
    assert "trade" in named["a4"]
    assert "aviation" in named["a6"]
    assert list(named["a10"]) == []
    assert labels["cluster_label"].str.len().gt(0).all()
