# grade_id: tanh_grad
# kind: valid
# description: 1 / cosh(z)**2 computed stably as 4 e^{-2|z|} / (1 + e^{-2|z|})**2
def tanh_grad(z):
    e = np.exp(-2.0 * np.abs(z))
    return 4.0 * e / (1.0 + e) ** 2
