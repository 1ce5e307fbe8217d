package org.testbench.app.gui;

import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * Asks for the signing password. The answer is a char[] the caller zeroes after use; the field is
 * emptied as soon as the dialog closes. Nothing of it is logged.
 */
public final class PasswordDialog {

    private PasswordDialog() {
    }

    /** Shows the dialog and waits (nested event loop, UI thread); empty when cancelled. */
    public static Optional<char[]> ask(Window owner, String question) {
        return ask(owner, question, "Password of the QA signing identity:", "Sign");
    }

    /** The same for any password: {@code label} says whose, {@code action} is the OK button's text. */
    public static Optional<char[]> ask(Window owner, String question, String label, String action) {
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.setTitle("Signing password");
        dialog.setHeaderText(question);
        ButtonType sign = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(sign, ButtonType.CANCEL);
        PasswordField field = new PasswordField();
        field.setId("signingPassword");
        field.setPrefWidth(320);
        dialog.getDialogPane().setContent(new VBox(8, new Label(label), field));
        dialog.getDialogPane().lookupButton(sign).disableProperty().bind(field.textProperty().isEmpty());
        Platform.runLater(field::requestFocus);
        Optional<ButtonType> pressed = dialog.showAndWait();
        char[] password = field.getText().toCharArray();
        field.clear();
        if (pressed.isPresent() && pressed.get() == sign) {
            return Optional.of(password);
        }
        java.util.Arrays.fill(password, '\0');
        return Optional.empty();
    }
}
