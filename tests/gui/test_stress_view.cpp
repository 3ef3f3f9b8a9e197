// Qt Test for the stress tests view and job.
#include <QtTest>

class StressViewTest : public QObject {
    Q_OBJECT
};

QTEST_MAIN(StressViewTest)
#include "test_stress_view.moc"
