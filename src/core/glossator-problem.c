/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-problem"

#include "config.h"

#include "glossator-problem.h"

GlossatorProblem *
glossator_problem_new_valist (GlossatorProblemSeverity  severity,
                              const char               *path,
                              const char               *format,
                              va_list                   args)
{
  GlossatorProblem *problem = g_new0 (GlossatorProblem, 1);

  problem->severity = severity;
  problem->path = g_strdup (path);
  problem->message = g_strdup_vprintf (format, args);

  return problem;
}

GlossatorProblem *
glossator_problem_new (GlossatorProblemSeverity  severity,
                       const char               *path,
                       const char               *format,
                       ...)
{
  GlossatorProblem *problem;
  va_list args;

  va_start (args, format);
  problem = glossator_problem_new_valist (severity, path, format, args);
  va_end (args);

  return problem;
}

void
glossator_problem_free (GlossatorProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->path);
  g_free (problem->message);
  g_free (problem->for_people);
  g_clear_object (&problem->file);
  g_free (problem);
}

char *
glossator_problem_to_string (const GlossatorProblem *problem)
{
  const char *severity;

  g_return_val_if_fail (problem != NULL, NULL);

  severity = problem->severity == GLOSSATOR_PROBLEM_ERROR ? "error" : "warning";
  if (problem->path != NULL)
    return g_strdup_printf ("%s: %s: %s", severity, problem->path, problem->message);
  return g_strdup_printf ("%s: %s", severity, problem->message);
}
