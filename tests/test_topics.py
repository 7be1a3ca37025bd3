import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils import estimator_checks

from analysis.topics import NAMED_TOPICS, TopicModel, classifier, label_topics, named_topics
from analysis.topics.model import preprocess
from analysis.topics.seeds import lexicon_scores

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


LEADS = [
    "Dự án dài 26 km, tổng vốn hơn 5.000 tỷ đồng, dự kiến hoàn thành năm 2027.",
    "Cây cầu nối Bắc Giang với Bắc Ninh chính thức đưa vào khai thác.",
    "Bộ Xây dựng đề nghị bố trí thêm vốn để hoàn thành các dự án đúng hạn.",
    "Kim ngạch xuất khẩu gạo 9 tháng đạt hơn 4 tỷ USD.",
    "Mức thuế mới áp dụng với nhiều mặt hàng xuất khẩu chủ lực.",
    "Hàng hóa thông quan qua cửa khẩu tăng mạnh trong quý 3.",
    "Hãng hàng không ký hợp đồng mua máy bay thân rộng.",
    "Các hãng bay tăng chuyến phục vụ nhu cầu đi lại dịp Tết.",
    "Giá vé nhiều chặng bay tăng so với năm trước.",
    "Đội tuyển giành chiến thắng trong trận đấu tối qua.",
    "Album gồm 10 ca khúc mới phát hành trên các nền tảng.",
    "Số ca mắc sốt xuất huyết tăng trong tuần qua.",
]


def articles():
    return pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(TITLES))], "title": TITLES, "lead": LEADS}
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


def scores(text):
    positive, negative = lexicon_scores(preprocess(text))
    return dict(zip(NAMED_TOPICS, positive + negative, strict=True))


def test_seed_terms_match_longest_first():
    assert scores("Lừa đảo đi xuất khẩu lao động")["trade"] < 0 < scores("Xuất khẩu gạo")["trade"]
    # "bê tông" (concrete) is not the cue "tông" (to ram a vehicle).
    assert scores("Đổ bê tông trụ cầu đi bộ")["infrastructure"] > 0
    # "giá vé máy bay" counts once, not also as "máy bay" and "giá vé".
    once = scores("Giá vé máy bay tăng")["aviation"]
    assert once == scores("Vé máy bay")["aviation"]


def test_cues_against_a_topic_are_their_own_features():
    positive, negative = lexicon_scores(preprocess("Tai nạn trên quốc lộ 1, hai người tử vong"))
    i = NAMED_TOPICS.index("infrastructure")
    assert negative[i] < 0 and positive[i] > 0


def labelled(n=60):
    """A small labelled set: infrastructure, trade and other items, each a few times over."""
    base = [
        ("Khởi công cao tốc Cao Lãnh - An Hữu", "infrastructure"),
        ("Thông xe cầu Hà Bắc 2 trên quốc lộ 31", "infrastructure"),
        ("Xuất khẩu gạo sang Philippines tăng mạnh", "trade"),
        ("Mỹ áp thuế đối ứng với hàng xuất khẩu", "trade"),
        ("Ca sĩ ra mắt album mới", ""),
        ("Đội tuyển bóng đá thắng trận", ""),
    ]
    rows = [base[i % len(base)] for i in range(n)]
    titles = [preprocess(f"{t} {i}") for i, (t, _) in enumerate(rows)]
    inputs = classifier.topic_inputs(titles, [""] * n, None, [str(i) for i in range(n)])
    return inputs, np.array([[topic == t for t in NAMED_TOPICS] for _, topic in rows], dtype=int)


def test_the_shipped_weights_give_what_the_fitted_pipelines_give():
    inputs, y = labelled()
    options = classifier.Options(C=10.0, min_df=1)
    fitted = [
        classifier.fit_topic(inputs, y[:, j], options, random_state=0) if y[:, j].any() else None
        for j in range(2)
    ]
    fitted.append(fitted[1])  # aviation has no positive here: reuse trade's to fill the table
    weights = classifier.Weights.from_fitted(fitted, options)
    again = classifier.Weights.from_csv(weights.to_csv())
    direct = np.column_stack([m.predict_proba(inputs)[:, 1] for m in fitted])
    assert np.allclose(again.probabilities(inputs), direct, atol=1e-3)
    assert again.thresholds.tolist() == pytest.approx([m.best_threshold_ for m in fitted])
    assert again.options == options


def test_the_shipped_classifier_is_well_formed():
    weights = classifier.shipped()
    rows = len(weights.text_vocabulary) + len(weights.title_vocabulary)
    assert weights.coef.shape == (rows + len(classifier.NUMERIC_COLUMNS), len(NAMED_TOPICS))
    assert ((weights.thresholds > 0) & (weights.thresholds < 1)).all()


def test_raising_a_cut_off_names_fewer_items():
    probabilities = np.array([[0.9, 0.3, 0.0], [0.4, 0.6, 0.1]])
    low = named_topics(probabilities, {"infrastructure": 0.35, "trade": 0.25})
    high = named_topics(probabilities, {"infrastructure": 0.95, "trade": 0.95})
    assert low == [["infrastructure", "trade"], ["infrastructure", "trade"]]
    assert high == [[], []]
    with pytest.raises(ValueError, match="no named topic"):
        named_topics(probabilities, {"sport": 0.5})


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
    assert labels["trade_probability"].between(0, 1).all()
