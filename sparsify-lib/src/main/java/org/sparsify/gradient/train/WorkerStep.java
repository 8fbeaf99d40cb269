package org.sparsify.gradient.train;

import java.io.Serializable;
import org.sparsify.gradient.compress.SparseMessage;

/**
 * The output of one worker in one round.
 *
 * @param worker the 0-based worker index
 * @param message C(a), the entries sent
 * @param residual a − C(a), kept by the worker for the next round
 * @param lossSum the summed loss over the examples used
 * @param examplesUsed the number of examples used
 * @param error ‖a − C(a)‖²
 * @param ledger the projections of a − e that the {@link ResidualLedger} balances
 */
record WorkerStep(
    int worker, SparseMessage message, double[] residual, double lossSum, int examplesUsed, double error,
    ResidualLedger.Entry ledger)
    implements Serializable {}
