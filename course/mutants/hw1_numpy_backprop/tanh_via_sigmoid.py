# grade_id: tanh
# kind: valid
# description: tanh(z) = 2 sigmoid(2z) - 1 with the student's stable sigmoid
def tanh(z):
    return 2.0 * sigmoid(2.0 * z) - 1.0
