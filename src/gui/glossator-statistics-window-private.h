/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-chart.h"
#include "glossator-statistics-window.h"

G_BEGIN_DECLS

/* For the tests: the charts the window shows and whether it is counting. */
typedef enum {
  GLOSSATOR_STATISTICS_MENTIONS,
  GLOSSATOR_STATISTICS_AGREEMENT,
  GLOSSATOR_STATISTICS_STATUS,
  GLOSSATOR_STATISTICS_POLARITIES,
  GLOSSATOR_STATISTICS_N_CHARTS,
} GlossatorStatisticsChart;

GlossatorChart *_glossator_statistics_window_get_chart   (GlossatorStatisticsWindow *self,
                                                          GlossatorStatisticsChart   which);
gboolean        _glossator_statistics_window_is_loading  (GlossatorStatisticsWindow *self);
/* The files and problems listed as not counted, one a line, or NULL. */
const char     *_glossator_statistics_window_get_problems (GlossatorStatisticsWindow *self);

G_END_DECLS
