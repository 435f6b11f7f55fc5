/**
 * The evaluation of any set of trainers: the learning-curve grid ({@link org.vdpnet.validation.evaluation.Evaluation}),
 * its summaries with intervals about their point estimates ({@link org.vdpnet.validation.evaluation.Summary}),
 * Diebold–Mariano comparisons with Holm's correction ({@link org.vdpnet.validation.evaluation.Comparison}), a verdict
 * written only from those tests ({@link org.vdpnet.validation.evaluation.Verdict}) and the report
 * ({@link org.vdpnet.validation.evaluation.EvaluationReport}). It never names a concrete model: the caller hands it trainers.
 *
 * <pre>{@code
 * Evaluation.Spec spec = new Evaluation.Spec(List.of(100, 200), 20, 30, 3, List.of("persistence"), List.of(),
 *         List.of(1, 5, 20), 0.05);
 * EvaluationResult r = Evaluation.run(frames, frames, 200, 0, List.of(persistenceTrainer, myTrainer), spec,
 *         UnaryOperator.identity(), (done, total, what) -> { });
 * List<Summary> summary = Summary.of(r);
 * List<Comparison> tests = Comparison.of(r);
 * String verdict = Verdict.write(r, summary, tests);
 * }</pre>
 */
package org.vdpnet.validation.evaluation;
