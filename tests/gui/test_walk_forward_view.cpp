// Qt Test for the walk-forward view and job.
#include <QtTest>

class WalkForwardViewTest : public QObject {
    Q_OBJECT
};

QTEST_MAIN(WalkForwardViewTest)
#include "test_walk_forward_view.moc"
