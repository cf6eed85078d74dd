// The widgets against a real SessionModel, offscreen. The QApplication comes from the test
// listener of this binary.

#include <catch2/catch.hpp>

#include <QDoubleSpinBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

#include "autodiff/number_format.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/expression_editor.hpp"
#include "ui/widgets/inputs_panel.hpp"
#include "ui/widgets/trace_table.hpp"
#include "ui/widgets/transport_bar.hpp"

using namespace adviz;
using namespace adviz::ui;

namespace {

// x, y, x + y, sin(x), the product: five nodes, no constants; reverse mode records 5 primal
// steps, 1 seed step and 5 edge steps.
const QString kProgram = QStringLiteral("(x+y)*sin(x)");

// The one underline the editor shows, as [start, end) in document positions.
std::pair<int, int> underlined(const ExpressionEditor& editor) {
    const auto selections = editor.editor()->extraSelections();
    REQUIRE(selections.size() == 1);
    return {selections[0].cursor.selectionStart(), selections[0].cursor.selectionEnd()};
}

}  // namespace

TEST_CASE("an invalid edit keeps the graph and is underlined where it is", "[editor]") {
    SessionModel model;
    REQUIRE(model.setSource(kProgram));
    REQUIRE(model.graph().size() == 5);
    ExpressionEditor editor;
    editor.setText(QStringLiteral("(x+y*sin(x)"));

    REQUIRE_FALSE(model.setSource(editor.text()));
    CHECK(model.graph().size() == 5);
    CHECK(editor.text() == QStringLiteral("(x+y*sin(x)"));  // nothing typed is lost
    REQUIRE(model.error().has_value());
    editor.showError(*model.error());

    CHECK(editor.hasError());
    CHECK(editor.messageText().contains(QStringLiteral("column 12")));
    // The error is at the end of the input: the last character carries the underline.
    CHECK(underlined(editor) == std::pair{10, 11});
    const auto selection = editor.editor()->extraSelections().first();
    CHECK(selection.format.underlineStyle() == QTextCharFormat::WaveUnderline);
    CHECK(selection.format.underlineColor() == Theme::current().error);

    SECTION("clearing the error shows the status again") {
        editor.showStatus(QStringLiteral("✓ 5 nodes"));
        CHECK(editor.messageText().contains(QStringLiteral("column 12")));  // the error wins
        editor.clearError();
        CHECK_FALSE(editor.hasError());
        CHECK(editor.editor()->extraSelections().isEmpty());
        CHECK(editor.messageText() == QStringLiteral("✓ 5 nodes"));
    }
}

TEST_CASE("error spans count UTF-8 bytes but underline UTF-16 positions", "[editor]") {
    // 😀 is 4 bytes and 2 UTF-16 units, é 2 bytes and 1 unit: byte offsets ≠ positions.
    const QString text = QStringLiteral("# 😀 é\nx + )");
    CHECK(utf16IndexOfUtf8Offset(text, 0) == 0);
    CHECK(utf16IndexOfUtf8Offset(text, 2) == 2);    // 😀
    CHECK(utf16IndexOfUtf8Offset(text, 4) == 2);    // inside 😀: its start
    CHECK(utf16IndexOfUtf8Offset(text, 6) == 4);    // the blank after it
    CHECK(utf16IndexOfUtf8Offset(text, 1000) == text.size());

    SessionModel model;
    ExpressionEditor editor;
    editor.setText(text);
    REQUIRE_FALSE(model.setSource(editor.text()));
    editor.showError(*model.error());
    const auto [start, end] = underlined(editor);
    CHECK(text.mid(start, end - start) == QStringLiteral(")"));
}

TEST_CASE("the editor emits edits, debounced, and not for setText", "[editor]") {
    ExpressionEditor editor;
    QSignalSpy spy(&editor, &ExpressionEditor::sourceEdited);
    editor.setText(kProgram);
    CHECK(spy.isEmpty());

    SECTION("immediately with no debounce") {
        editor.setDebounceMs(0);
        editor.editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.editor(), QStringLiteral("+1"));
        REQUIRE(spy.size() == 2);  // one per keystroke
        CHECK(spy.last().at(0).toString() == kProgram + QStringLiteral("+1"));
    }
    SECTION("once typing pauses") {
        editor.setDebounceMs(20);
        editor.editor()->moveCursor(QTextCursor::End);
        QTest::keyClicks(editor.editor(), QStringLiteral("+1"));
        CHECK(spy.isEmpty());
        REQUIRE(spy.wait(2000));
        QTest::qWait(50);
        REQUIRE(spy.size() == 1);  // one for the whole burst
        CHECK(spy.last().at(0).toString() == kProgram + QStringLiteral("+1"));
    }
}

TEST_CASE("the inputs panel edits the model and follows it", "[inputs]") {
    SessionModel model;
    REQUIRE(model.setSource(kProgram));
    InputsPanel panel(model);
    auto* x = panel.findChild<QDoubleSpinBox*>(QStringLiteral("inputValue0"));
    auto* ydot = panel.findChild<QDoubleSpinBox*>(QStringLiteral("inputDirection1"));
    auto* seed = panel.findChild<QDoubleSpinBox*>(QStringLiteral("outputSeed0"));
    REQUIRE(x);
    REQUIRE(ydot);
    REQUIRE(seed);

    SECTION("spin boxes call through to the model") {
        x->setValue(2.5);
        CHECK(model.inputs()[0] == 2.5);
        ydot->setValue(-1);
        CHECK(model.direction()[1] == -1);
        seed->setValue(3);
        CHECK(model.seed()[0] == 3);
    }
    SECTION("the unit buttons set eᵢ") {
        auto* e2 = panel.findChild<QPushButton*>(QStringLiteral("unitDirection1"));
        REQUIRE(e2);
        e2->click();
        CHECK(model.direction() == std::vector<double>{0, 1});
        CHECK(ydot->value() == 1);
    }
    SECTION("model changes show without echoing back") {
        QSignalSpy point(&model, &SessionModel::pointChanged);
        model.setInput(1, 3);
        CHECK(point.size() == 1);
        CHECK(panel.findChild<QDoubleSpinBox*>(QStringLiteral("inputValue1"))->value() == 3);
        auto* f = panel.findChild<QLabel*>(QStringLiteral("outputValue0"));
        REQUIRE(f);
        CHECK(f->text().toStdString() == formatShort(model.trace().outputs[0]));
    }
    SECTION("a new graph gets new rows") {
        REQUIRE(model.setSource(QStringLiteral("a*b*c")));
        CHECK(panel.findChild<QDoubleSpinBox*>(QStringLiteral("inputValue2")));
        CHECK_FALSE(panel.findChild<QDoubleSpinBox*>(QStringLiteral("inputValue3")));
    }
}

TEST_CASE("the trace table lists the Wengert list and follows the step", "[trace-table]") {
    SessionModel model;
    REQUIRE(model.setSource(QStringLiteral("f = 2*x + y")));  // the constant 2 gets no row
    TraceTable table(model);
    int nonConstant = 0;
    for (int id = 0; id < model.graph().size(); ++id)
        nonConstant += model.graph()[id].op != Op::Const;
    CHECK(table.rowCount() == nonConstant);
    CHECK(table.item(0, TraceTable::DefinitionColumn)->text() == QStringLiteral("v₋₁ = x"));

    SECTION("the current step's row glows") {
        CHECK(table.activeRow() == -1);
        for (int k = 1; k <= model.stepCount(); ++k) {
            model.setStep(k);
            const int node = model.trace().steps[std::size_t(k - 1)].node;
            REQUIRE(table.activeRow() == table.rowOfNode(node));
            CHECK(table.item(table.activeRow(), 0)->background().color() ==
                  Theme::current().activeGlow);
        }
        model.setStep(0);
        CHECK(table.activeRow() == -1);
        for (int row = 0; row < table.rowCount(); ++row)
            CHECK(table.item(row, 0)->background().style() == Qt::NoBrush);
    }
    SECTION("clicking a row selects its node, and the model's selection selects the row") {
        table.show();
        REQUIRE(QTest::qWaitForWindowExposed(&table));
        const QRect cell = table.visualItemRect(table.item(1, 0));
        QTest::mouseClick(table.viewport(), Qt::LeftButton, {}, cell.center());
        CHECK(model.selectedNode() == table.nodeOfRow(1));
        model.setSelectedNode(table.nodeOfRow(0));
        CHECK(table.selectionModel()->isRowSelected(0, {}));
        CHECK(model.selectedNode() == table.nodeOfRow(0));
    }
    SECTION("the last column follows the mode") {
        model.setMode(Mode::Forward);
        CHECK(table.horizontalHeaderItem(TraceTable::DerivativeColumn)->text() ==
              QStringLiteral("v\u0307"));
        model.setMode(Mode::Reverse);
        CHECK(table.horizontalHeaderItem(TraceTable::DerivativeColumn)->text() ==
              QStringLiteral("v\u0304"));
    }
}

TEST_CASE("the transport bar counts steps and switches modes", "[transport]") {
    SessionModel model;
    model.setMode(Mode::Reverse);
    REQUIRE(model.setSource(kProgram));
    Player player(model);
    player.setAnimated(false);
    TransportBar bar(model, player);
    auto* counter = bar.findChild<QLabel*>(QStringLiteral("stepCounter"));
    REQUIRE(counter);
    REQUIRE(model.stepCount() == 11);
    CHECK(counter->text() == QStringLiteral("step 0 of 11"));
    model.setStep(3);
    CHECK(counter->text() == QStringLiteral("step 3 of 11"));

    auto* forward = bar.findChild<QPushButton*>(QStringLiteral("forwardMode"));
    REQUIRE(forward);
    forward->click();
    CHECK(model.mode() == Mode::Forward);
    CHECK(counter->text() == QStringLiteral("step 0 of %1").arg(model.stepCount()));
}

TEST_CASE("the window's keys step the trace, except in text fields", "[transport]") {
    SessionModel model;
    REQUIRE(model.setSource(kProgram));
    Player player(model);
    player.setAnimated(false);
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* bar = new TransportBar(model, player);
    auto* text = new QPlainTextEdit;
    layout->addWidget(bar);
    layout->addWidget(text);
    bar->installShortcuts(&window);
    window.show();
    REQUIRE(QTest::qWaitForWindowActive(&window));

    auto* play = bar->findChild<QWidget*>(QStringLiteral("playPause"));
    REQUIRE(play);
    play->setFocus();
    QTest::keyClick(play, Qt::Key_Right);
    QTest::keyClick(play, Qt::Key_Right);
    CHECK(model.step() == 2);
    QTest::keyClick(play, Qt::Key_Left);
    CHECK(model.step() == 1);
    QTest::keyClick(play, Qt::Key_End);
    CHECK(model.step() == model.stepCount());
    QTest::keyClick(play, Qt::Key_Home);
    CHECK(model.step() == 0);

    text->setFocus();
    QTest::keyClicks(text, QStringLiteral("x y"));
    QTest::keyClick(text, Qt::Key_Left);
    QTest::keyClick(text, Qt::Key_End);
    CHECK(model.step() == 0);
    CHECK_FALSE(player.isPlaying());
    CHECK(text->toPlainText() == QStringLiteral("x y"));
}
