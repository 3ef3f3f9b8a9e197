#pragma once
// Walk-forward optimisation in the workstation: the job (Run > Walk-Forward) and its view.
