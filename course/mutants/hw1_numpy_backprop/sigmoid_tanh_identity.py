# grade_id: sigmoid
# kind: valid
# description: sigmoid via 0.5 * (1 + tanh(z / 2))
def sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))
