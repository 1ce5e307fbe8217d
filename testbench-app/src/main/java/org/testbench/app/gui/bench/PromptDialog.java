package org.testbench.app.gui.bench;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Platform;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The dialog of an operator prompt. For a value, the text field has the focus: a barcode scanner acting
 * as a keyboard types the serial and presses Enter, which answers. Cancel or closing declines.
 */
public final class PromptDialog implements GuiPrompter.Presenter {

    private final Window owner;
    private Dialog<Optional<String>> open;
    private PromptRequest openRequest;

    public PromptDialog(Window owner) {
        this.owner = owner;
    }

    @Override
    public void show(PromptRequest request, CompletableFuture<Optional<String>> answer) {
        Dialog<Optional<String>> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        // not modal: the live view goes on and Abort stays in reach while a position waits for an answer
        dialog.initModality(javafx.stage.Modality.NONE);
        dialog.setTitle(request.title());
        dialog.setHeaderText(request.title());
        ButtonType ok = new ButtonType(request.needsValue() ? "OK" : "Yes", ButtonBar.ButtonData.OK_DONE);
        ButtonType no = new ButtonType(request.needsValue() ? "Cancel" : "No", ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(ok, no);
        dialog.getDialogPane().setId("promptDialog");
        Label message = new Label(request.message());
        message.setId("promptMessage");
        message.setWrapText(true);
        VBox content = new VBox(10, message);
        TextField field = new TextField();
        field.setId("promptAnswer");
        field.setPromptText("type or scan, then Enter");
        if (request.needsValue()) {
            content.getChildren().add(field);
            javafx.scene.control.Button okButton = (javafx.scene.control.Button) dialog.getDialogPane().lookupButton(ok);
            okButton.disableProperty().bind(field.textProperty().isEmpty());
            // the scanner's Enter answers, whatever the platform does with default buttons
            field.setOnAction(e -> okButton.fire());
        }
        content.setPrefWidth(460);
        dialog.getDialogPane().setContent(content);
        dialog.setResultConverter(button -> button == ok
                ? Optional.of(request.needsValue() ? field.getText() : "yes") : Optional.empty());
        dialog.setOnHidden(e -> {
            Optional<String> result = dialog.getResult();
            answer.complete(result == null ? Optional.empty() : result);
            if (open == dialog) {
                open = null;
                openRequest = null;
            }
        });
        open = dialog;
        openRequest = request;
        if (request.needsValue()) {
            // the dialog's window takes the keyboard, and its field the keystrokes: a scan needs no click
            dialog.setOnShown(e -> Platform.runLater(() -> {
                dialog.getDialogPane().getScene().getWindow().requestFocus();
                field.requestFocus();
            }));
        }
        dialog.show();
    }

    @Override
    public void withdraw(PromptRequest request) {
        if (open != null && request.equals(openRequest)) {
            open.setResult(Optional.empty());
            open.close();
        }
    }
}
