// The widgets against a real SessionModel, offscreen. The QApplication comes from the test
// listener of this binary.

#include <catch2/catch.hpp>

#include <QApplication>
#include <QHeaderView>
#include <QMouseEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTextBlock>
#include <QTextLayout>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

#include <cmath>
#include <numbers>

#include "autodiff/number_format.hpp"
#include "ui/model/player.hpp"
#include "ui/model/session_model.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/expression_editor.hpp"
#include "ui/widgets/inputs_panel.hpp"
#include "ui/widgets/number_field.hpp"
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
    auto* x = panel.findChild<NumberField*>(QStringLiteral("inputValue0"));
    auto* ydot = panel.findChild<NumberField*>(QStringLiteral("inputDirection1"));
    auto* seed = panel.findChild<NumberField*>(QStringLiteral("outputSeed0"));
    REQUIRE(x);
    REQUIRE(ydot);
    REQUIRE(seed);
    auto type = [](NumberField* field, const QString& text) {
        field->setFocus();
        field->selectAll();
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Return);
    };

    SECTION("typed values reach the model exactly, in every column") {
        type(x, QStringLiteral("1e-3"));
        CHECK(model.inputs()[0] == 0.001);
        CHECK(x->text() == QStringLiteral("0.001"));
        type(ydot, QStringLiteral("pi/2"));
        CHECK(model.direction()[1] == std::numbers::pi / 2);
        type(seed, QStringLiteral("2.5e12"));
        CHECK(model.seed()[0] == 2.5e12);
        type(x, QStringLiteral("log(-1)"));
        CHECK(std::isnan(model.inputs()[0]));
        CHECK(x->text() == QStringLiteral("log(-1)"));  // kept: it reads back to NaN
        model.setInput(1, 4);  // a refresh does not rewrite it
        CHECK(x->text() == QStringLiteral("log(-1)"));
    }
    SECTION("an unreadable entry is marked, kept, and never re-runs the sweep") {
        QSignalSpy point(&model, &SessionModel::pointChanged);
        const double before = model.inputs()[0];
        type(x, QStringLiteral("1e400"));
        CHECK(point.isEmpty());
        CHECK(model.inputs()[0] == before);
        CHECK(x->text() == QStringLiteral("1e400"));
        auto* message = panel.findChild<QLabel*>(QStringLiteral("inputsMessage"));
        REQUIRE(message);
        CHECK_FALSE(message->isHidden());
        CHECK(message->text().contains(QStringLiteral("out of range")));
        type(x, QStringLiteral("2"));
        CHECK(model.inputs()[0] == 2);
        CHECK(message->isHidden());
    }
    SECTION("tiny and huge values show as they are") {
        model.setInput(0, 1e-7);
        CHECK(x->text() == QStringLiteral("1e-07"));
        model.setInput(0, 1e12);
        CHECK(x->text() == QStringLiteral("1e+12"));  // shortest: shorter than 13 digits
        model.setInput(0, 123456789012.5);
        CHECK(x->text() == QStringLiteral("123456789012.5"));
        model.setInput(0, 3e15);
        CHECK(x->text() == QStringLiteral("3e+15"));
        model.setInput(0, -1e300);
        CHECK(x->text() == QStringLiteral("-1e+300"));
    }
    SECTION("dragging the name changes the value a hundredth per pixel") {
        QLabel* name = nullptr;
        for (QLabel* l : x->parentWidget()->findChildren<QLabel*>())
            if (l->buddy() == x) name = l;
        REQUIRE(name);
        model.setInput(0, 1);
        QTest::mousePress(name, Qt::LeftButton, {}, QPoint(5, 5));
        QMouseEvent move(QEvent::MouseMove, QPointF(12, 5), name->mapToGlobal(QPointF(12, 5)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(name, &move);
        QTest::mouseRelease(name, Qt::LeftButton, {}, QPoint(12, 5));
        CHECK(model.inputs()[0] == 1.07);
        CHECK(x->text() == QStringLiteral("1.07"));
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
        CHECK(panel.findChild<NumberField*>(QStringLiteral("inputValue1"))->value() == 3);
    }
    SECTION("an output's value is pending until the sweep has computed it") {
        auto* f = panel.findChild<QLabel*>(QStringLiteral("outputValue0"));
        REQUIRE(f);
        model.setStep(0);
        CHECK(f->text() == QStringLiteral("···"));
        model.setStep(model.stepCount());
        CHECK(f->text().toStdString() == formatShort(model.trace().outputs[0]));
    }
    SECTION("a new graph gets new rows, in the program's order") {
        REQUIRE(model.setSource(QStringLiteral("c*a + b")));
        for (int i = 0; i < 3; ++i) {
            auto* field = panel.findChild<NumberField*>(QStringLiteral("inputValue%1").arg(i));
            REQUIRE(field);
            CHECK(field->toolTip() == QStringLiteral("cab").mid(i, 1));
        }
        CHECK_FALSE(panel.findChild<NumberField*>(QStringLiteral("inputValue3")));
    }
}

TEST_CASE("new inputs start at distinct values, and Randomize draws a fixed sequence", "[inputs]") {
    SessionModel model;
    // A 2-3-1 network whose weights are inputs: equal weights would make the hidden units equal.
    QString mlp;
    for (int h = 0; h < 3; ++h)
        mlp += QStringLiteral("h%1 = tanh(w%1a*x1 + w%1b*x2)\n").arg(h);
    mlp += QStringLiteral("y = u0*h0 + u1*h1 + u2*h2");
    REQUIRE(model.setSource(mlp));
    const std::vector<double> start = model.inputs();
    REQUIRE(start.size() == 11);
    CHECK(start[0] == 1);  // the first input keeps the familiar 1
    for (std::size_t i = 0; i < start.size(); ++i) {
        CHECK(start[i] >= 0.5);
        CHECK(start[i] < 2);
        CHECK(std::round(start[i] * 100) == Approx(start[i] * 100));  // hundredths
        for (std::size_t k = 0; k < i; ++k) CHECK(start[i] != start[k]);
    }
    // The hidden units differ, as a network's must.
    model.setStep(model.stepCount());
    const auto state = model.state();
    std::vector<double> hidden;
    for (int id = 0; id < model.graph().size(); ++id)
        if (model.graph().nameOf(id).size() == 2 && model.graph().nameOf(id)[0] == 'h')
            hidden.push_back(state[std::size_t(id)].value);
    REQUIRE(hidden.size() == 3);
    CHECK(hidden[0] != hidden[1]);
    CHECK(hidden[1] != hidden[2]);

    InputsPanel panel(model);
    auto* randomize = panel.findChild<QPushButton*>(QStringLiteral("randomizeInputs"));
    REQUIRE(randomize);
    randomize->click();
    const std::vector<double> first = model.inputs();
    randomize->click();
    const std::vector<double> second = model.inputs();
    CHECK(first != start);
    CHECK(second != first);
    for (double v : first) {
        CHECK(v >= -2);
        CHECK(v <= 2.1);
    }
    // The same presses give the same points in another session.
    SessionModel other;
    REQUIRE(other.setSource(mlp));
    other.randomizeInputs(1);
    CHECK(other.inputs() == first);
    other.randomizeInputs(2);
    CHECK(other.inputs() == second);
}

TEST_CASE("a new program starts at step 0, a changed number keeps the step", "[inputs][model]") {
    SessionModel model;
    REQUIRE(model.setSource(QStringLiteral("2*x + sin(x)")));
    model.setStep(3);
    REQUIRE(model.setSource(QStringLiteral("3*x + sin(x)")));  // only a constant changed
    CHECK(model.step() == 3);
    REQUIRE(model.setSource(QStringLiteral("3*x + sin(x)*cos(x)")));
    CHECK(model.step() == 0);
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
    SECTION("the derivative columns follow the mode") {
        auto header = [&table](int c) { return table.horizontalHeaderItem(c)->text(); };
        model.setMode(Mode::Forward);
        CHECK_FALSE(table.isColumnHidden(TraceTable::TangentColumn));
        CHECK(table.isColumnHidden(TraceTable::AdjointColumn));
        CHECK(table.isColumnHidden(TraceTable::AdjointTangentColumn));
        CHECK(header(TraceTable::TangentColumn) == QStringLiteral("v\u0307"));
        model.setMode(Mode::Reverse);
        CHECK(table.isColumnHidden(TraceTable::TangentColumn));
        CHECK_FALSE(table.isColumnHidden(TraceTable::AdjointColumn));
        CHECK(header(TraceTable::AdjointColumn) == QStringLiteral("v\u0304"));
    }
    SECTION("columns keep their widths while the sweep plays") {
        table.resize(700, 400);
        for (Mode mode : {Mode::Forward, Mode::Reverse, Mode::ForwardOverReverse}) {
            model.setMode(mode);
            std::vector<int> widths;
            for (int c = 0; c < table.columnCount(); ++c) widths.push_back(table.columnWidth(c));
            for (int k = 1; k <= model.stepCount(); ++k) {
                model.setStep(k);
                for (int c = 0; c < table.columnCount(); ++c)
                    CHECK(table.columnWidth(c) == widths[std::size_t(c)]);
            }
        }
        // And the widest number fits its column.
        model.setInput(0, -1.2345e-300);
        model.setStep(model.stepCount());
        const QFontMetrics metrics(table.item(0, TraceTable::ValueColumn)->font());
        CHECK(metrics.horizontalAdvance(table.item(0, TraceTable::ValueColumn)->text()) <
              table.columnWidth(TraceTable::ValueColumn));
    }
}

TEST_CASE("H·v mode shows v, v̇, v̄ and v̄˙, each under its own heading", "[trace-table]") {
    SessionModel model;
    REQUIRE(model.setSource(kProgram));
    const double x = 0.7, y = -1.3;
    model.setInputsByName({{"x", x}, {"y", y}});
    model.setUnitDirection(0);  // ẋ = e₁
    model.setUnitSeed(0);
    model.setMode(Mode::ForwardOverReverse);
    TraceTable table(model);
    using C = TraceTable;
    for (int c : {C::ValueColumn, C::TangentColumn, C::AdjointColumn, C::AdjointTangentColumn})
        CHECK_FALSE(table.isColumnHidden(c));
    CHECK(table.horizontalHeaderItem(C::ValueColumn)->text() == QStringLiteral("value"));
    CHECK(table.horizontalHeaderItem(C::TangentColumn)->text() == QStringLiteral("v\u0307"));
    CHECK(table.horizontalHeaderItem(C::AdjointColumn)->text() == QStringLiteral("v\u0304"));
    CHECK(table.horizontalHeaderItem(C::AdjointTangentColumn)->text() ==
          QStringLiteral("v\u0304\u0307"));
    // In this order on screen: v, value, v̇, v̄, v̄˙, then the definition.
    const QHeaderView* header = table.horizontalHeader();
    CHECK(header->visualIndex(C::NameColumn) == 0);
    CHECK(header->visualIndex(C::ValueColumn) == 1);
    CHECK(header->visualIndex(C::TangentColumn) == 2);
    CHECK(header->visualIndex(C::AdjointColumn) == 3);
    CHECK(header->visualIndex(C::AdjointTangentColumn) == 4);
    CHECK(header->visualIndex(C::DefinitionColumn) == 5);

    model.setStep(model.stepCount());
    // f = (x + y)·sin x, by hand: ∂f/∂x = sin x + (x + y) cos x, ∂f/∂y = sin x;
    // H·e₁ = (2 cos x − (x + y) sin x, cos x); the tangent of x along e₁ is 1, of y 0.
    const int rx = table.rowOfNode(0), ry = table.rowOfNode(1);
    auto number = [&table](int row, int column) {
        return table.item(row, column)->text().replace(QChar(0x2212), u'-').toDouble();
    };
    CHECK(number(rx, C::ValueColumn) == Approx(x).epsilon(1e-3));
    CHECK(number(rx, C::TangentColumn) == 1);
    CHECK(number(ry, C::TangentColumn) == 0);
    CHECK(number(rx, C::AdjointColumn) ==
          Approx(std::sin(x) + (x + y) * std::cos(x)).epsilon(1e-3));
    CHECK(number(ry, C::AdjointColumn) == Approx(std::sin(x)).epsilon(1e-3));
    CHECK(number(rx, C::AdjointTangentColumn) ==
          Approx(2 * std::cos(x) - (x + y) * std::sin(x)).epsilon(1e-3));
    CHECK(number(ry, C::AdjointTangentColumn) == Approx(std::cos(x)).epsilon(1e-3));
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

TEST_CASE("the transport buttons stay in place when the mode changes", "[transport]") {
    SessionModel model;
    REQUIRE(model.setSource(kProgram));
    Player player(model);
    TransportBar bar(model, player);
    bar.resize(1000, bar.sizeHint().height());
    bar.show();
    REQUIRE(QTest::qWaitForWindowExposed(&bar));
    auto* play = bar.findChild<QWidget*>(QStringLiteral("playPause"));
    REQUIRE(play);
    std::vector<int> xs;
    for (Mode mode : {Mode::Reverse, Mode::Forward, Mode::ForwardOverReverse, Mode::Reverse}) {
        model.setMode(mode);
        QApplication::processEvents();  // the layout runs on the next event loop pass
        xs.push_back(play->mapTo(&bar, QPoint(0, 0)).x());
    }
    CHECK(xs[1] == xs[0]);
    CHECK(xs[2] == xs[0]);
    CHECK(xs[3] == xs[0]);
}

TEST_CASE("a long error stays on one line, whole in the tooltip", "[editor]") {
    ExpressionEditor editor;
    editor.setDebounceMs(0);
    editor.resize(360, 200);
    editor.show();
    REQUIRE(QTest::qWaitForWindowExposed(&editor));
    auto* message = editor.findChild<QLabel*>(QStringLiteral("editorMessage"));
    REQUIRE(message);
    editor.showStatus(QStringLiteral("✓ 5 nodes"));
    QApplication::processEvents();
    const int oneLine = message->height();
    const int editHeight = editor.editor()->height();

    SessionModel model;
    REQUIRE_FALSE(model.setSource(QStringLiteral("sine(x) + cosine(y) * tangent(z)")));
    editor.showError(*model.error());
    QApplication::processEvents();
    CHECK(message->height() == oneLine);
    CHECK(editor.editor()->height() == editHeight);  // nothing under it moved
    const QString whole = QString::fromStdString(model.error()->message);
    REQUIRE(message->fontMetrics().horizontalAdvance(whole) > message->width());  // it is long
    CHECK(editor.messageText().contains(whole));
    CHECK(message->toolTip().contains(whole));
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

TEST_CASE("tables and fields take a new theme and text size at once", "[trace-table][inputs]") {
    SessionModel model;
    REQUIRE(model.setSource(kProgram));
    TraceTable table(model);
    InputsPanel panel(model);
    auto* x = panel.findChild<NumberField*>(QStringLiteral("inputValue0"));
    REQUIRE(x);
    const Theme before = Theme::current();
    const int valueWidth = table.columnWidth(TraceTable::ValueColumn);

    Theme::setCurrent(Theme::named(ThemeName::Dark, 1.5));
    const Theme& now = Theme::current();
    CHECK(table.item(0, TraceTable::ValueColumn)->font().pointSizeF() == now.tableFont().pointSizeF());
    CHECK(table.palette().color(QPalette::Base) == now.background);
    CHECK(table.columnWidth(TraceTable::ValueColumn) > valueWidth);  // the numbers still fit
    CHECK(x->font().pointSizeF() == now.tableFont().pointSizeF());
    CHECK(x->palette().color(QPalette::Base) == now.background);

    Theme::setCurrent(before);
    CHECK(table.columnWidth(TraceTable::ValueColumn) == valueWidth);
}

TEST_CASE("the editor colours programs up to 20,000 lines and shows longer ones plain", "[editor]") {
    ExpressionEditor editor;
    auto coloursOnFirstLine = [&] {
        QApplication::processEvents();  // a re-attached highlighter colours from the event loop
        return editor.editor()->document()->firstBlock().layout()->formats().size();
    };
    editor.setText("y = sin(x)*2\n");
    CHECK(coloursOnFirstLine() > 0);
    QString generated;
    for (int k = 0; k < 20'001; ++k) generated += QStringLiteral("y%1 = sin(x)*2\n").arg(k);
    editor.setText(generated);
    CHECK(editor.text() == generated);
    CHECK(coloursOnFirstLine() == 0);
    editor.setText("y = sin(x)*2\n");  // a short program is coloured again
    CHECK(coloursOnFirstLine() > 0);
}
