#!/bin/sh
# The @launcher@ command of the installed package: /usr/bin/@launcher@ and the menu entry run this.
# It starts the bundled runtime itself because jpackage 17's launcher (bin/@launcher@) asks rpm and
# dpkg which package owns it, four commands, on every start: about half a second to a second
# (docs/installer.md). The arguments are those of `java -jar @launcher@.jar`.
app_dir=$(dirname "$(readlink -f "$0")")
exec "$app_dir/../runtime/bin/java" -cp "$app_dir/@launcher@.jar" @main.class@ "$@"
