// Creates the QApplication the UI tests need before the first test case runs, offscreen so no
// display is needed (also when CTest lists the tests at build time).

#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include <QApplication>
#include <QDir>
#include <QStandardPaths>

#include <memory>

namespace {

struct QtListener : Catch::TestEventListenerBase {
    using TestEventListenerBase::TestEventListenerBase;

    void testRunStarting(const Catch::TestRunInfo&) override {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
            static QByteArray dir = QDir::tempPath().toUtf8() + "/adviz-tests-runtime";
            QDir().mkpath(QString::fromUtf8(dir));
            QFile::setPermissions(QString::fromUtf8(dir), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            qputenv("XDG_RUNTIME_DIR", dir);
        }
        static int argc = 1;
        static char name[] = "ui_tests";
        static char* argv[] = {name, nullptr};
        app = std::make_unique<QApplication>(argc, argv);
        // Settings and autosaves of the tests go to a test folder, never the user's.
        QStandardPaths::setTestModeEnabled(true);
    }
    void testRunEnded(const Catch::TestRunStats&) override { app.reset(); }

    std::unique_ptr<QApplication> app;
};

}  // namespace

CATCH_REGISTER_LISTENER(QtListener)
