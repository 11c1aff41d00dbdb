/**
 * The few-shot classification study: N-way K-shot tasks over a generated family of classes, on which
 * Prototypical Networks, MAML, first-order MAML and a pretrained-then-fine-tuned classifier are compared.
 */
package org.metarec.experiments.study.fewshot;
