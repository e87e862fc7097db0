// Anchors the moc output for the backend interface's QObject classes.
#include "backends/backend.h"
